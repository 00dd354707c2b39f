// server.cpp — routes and safety checks of the workbench (see server.h; API in docs/serve.md).
// Every handler runs through `api()`, which turns ApiError (and anything unexpected) into a
// JSON error; the pre-routing hook refuses foreign Host/Origin headers and missing tokens
// before any handler runs.
#include "serve/server.h"

#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "check/report_html.h"
#include "check/report_json.h"
#include "check/report_xlsx.h"
#include "core/messages.h"
#include "serve/api_error.h"
#include "serve/assets.h"
#include "serve/folder.h"
#include "serve/session.h"
#include "xlsx/error.h"

namespace sp::serve {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string zh(std::string_view key, std::initializer_list<std::string_view> args = {}) {
    return msg::text(msg::Lang::zh, key, args);
}

// The page is Chinese throughout: a reader's refusal in Chinese (the same file, part and cell as
// `suanpan recalc --lang zh` names), anything else as it is.
std::string page_text(const std::exception& e) {
    if (const auto* x = dynamic_cast<const xlsx::Error*>(&e)) return x->text(msg::Lang::zh);
    return e.what();
}

void send_json(httplib::Response& res, const json& j, int status = 200) {
    res.status = status;
    res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message) {
    send_json(res, {{"error", {{"code", code}, {"message", message}, {"status", status}}}}, status);
}

json body_json(const httplib::Request& req) {
    json j = json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw ApiError(400, "bad_json", zh("serve.bad_json", {req.body.substr(0, 80)}));
    return j;
}

std::string field(const json& j, const char* name) {
    auto it = j.find(name);
    if (it == j.end() || !it->is_string() || it->get<std::string>().empty())
        throw ApiError(400, "missing_field", zh("serve.missing_field", {name}));
    return it->get<std::string>();
}

std::string param(const httplib::Request& req, const char* name) {
    std::string v = req.get_param_value(name);
    if (v.empty()) throw ApiError(400, "missing_field", zh("serve.missing_field", {name}));
    return v;
}

std::string pct_encode(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_') out += char(c);
        else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

void send_file(httplib::Response& res, std::string bytes, const std::string& name, const char* type) {
    res.set_header("Content-Disposition", "attachment; filename=\"download\"; filename*=UTF-8''" + pct_encode(name));
    res.set_content(std::move(bytes), type);
}

bool same_token(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    unsigned char d = 0;
    for (size_t i = 0; i < a.size(); ++i) d |= static_cast<unsigned char>(a[i] ^ b[i]);
    return d == 0;
}

std::string lower(std::string s) {
    for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

std::string random_token() {
    std::random_device rd;
    std::string t;
    const char* hex = "0123456789abcdef";
    for (int i = 0; i < 32; ++i) t += hex[rd() % 16];
    return t;
}

struct Server::Impl {
    ServerOptions opt;
    Folder folder;
    std::shared_ptr<FunctionRegistry> registry;
    httplib::Server http;
    int port = 0;
    std::mutex sessions_mutex;
    std::map<std::string, std::unique_ptr<Session>> sessions;  // by canonical path

    explicit Impl(ServerOptions o) : opt(std::move(o)), folder(opt.target) {
        if (!opt.plugins) opt.plugins = std::make_shared<lua::PluginSet>();
        registry = opt.plugins->registry();
    }

    // The session of a client path, opened on first use. A workbook that cannot be read
    // answers 422 with the message `suanpan recalc` prints for it.
    Session& session(const std::string& rel) {
        fs::path p = folder.resolve(rel);
        std::lock_guard lock(sessions_mutex);
        auto& s = sessions[p.string()];
        if (!s) {
            try {
                s = std::make_unique<Session>(p, rel, opt.plugins, registry.get());
            } catch (const ApiError&) {
                sessions.erase(p.string());
                throw;
            } catch (const std::exception& e) {  // xlsx::Error, bad_alloc on a hostile file
                sessions.erase(p.string());
                throw ApiError(422, "unreadable", page_text(e));
            }
        }
        return *s;
    }

    // Host must name this server; Origin (when sent) must be this server's own origin.
    bool allowed(const httplib::Request& req, httplib::Response& res) {
        std::string host = lower(req.get_header_value("Host"));
        std::string name = host, port_text;
        if (auto colon = host.rfind(':'); colon != std::string::npos && host.find(']', colon) == std::string::npos) {
            name = host.substr(0, colon);
            port_text = host.substr(colon + 1);
        }
        bool any_host = opt.host == "0.0.0.0" || opt.host == "::";
        bool host_ok = port_text == std::to_string(port) &&
                       (any_host || is_loopback(name) || name == lower(opt.host) || name == "[" + lower(opt.host) + "]");
        if (!host_ok) {
            send_error(res, 403, "refused_host", zh("serve.refused_host", {host}));
            return false;
        }
        std::string origin = req.get_header_value("Origin");
        if (!origin.empty() && lower(origin) != "http://" + host) {
            send_error(res, 403, "refused_origin", zh("serve.refused_origin", {origin}));
            return false;
        }
        if (req.get_header_value("Sec-Fetch-Site") == "cross-site") {
            send_error(res, 403, "refused_origin", zh("serve.refused_origin", {"cross-site"}));
            return false;
        }
        if (!opt.token.empty()) {
            std::string t = req.get_header_value("X-Suanpan-Token");
            if (t.empty()) t = req.get_param_value("token");
            if (!same_token(t, opt.token)) {
                send_error(res, 401, "token", zh("serve.token"));
                return false;
            }
        }
        return true;
    }

    template <class F>
    static httplib::Server::Handler api(F f) {
        return [f](const httplib::Request& req, httplib::Response& res) {
            try {
                f(req, res);
            } catch (const ApiError& e) {
                send_error(res, e.status, e.code, e.what());
            } catch (const std::exception& e) {
                spdlog::error("serve: {} {}: {}", req.method, req.path, e.what());
                send_error(res, 500, "internal", zh("serve.internal", {e.what()}));
            }
        };
    }

    void routes() {
        http.set_payload_max_length(opt.max_upload);
        http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            return allowed(req, res) ? httplib::Server::HandlerResponse::Unhandled : httplib::Server::HandlerResponse::Handled;
        });
        http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty()) return;
            if (res.status == 413) send_error(res, 413, "too_large", zh("serve.too_large", {std::to_string(opt.max_upload)}));
            else if (res.status == 404) send_error(res, 404, "not_found", zh("serve.not_found", {req.path}));
            else send_error(res, res.status, "http_" + std::to_string(res.status), "HTTP " + std::to_string(res.status));
        });
        http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "?";
            try { std::rethrow_exception(ep); } catch (const std::exception& e) { what = e.what(); } catch (...) {}
            send_error(res, 500, "internal", zh("serve.internal", {what}));
        });

        auto page = [](const std::string& name) {
            return [name](const httplib::Request&, httplib::Response& res) {
                const Asset* a = find_asset(name);
                if (!a) return send_error(res, 404, "not_found", name);
                res.set_header("Content-Security-Policy",
                               "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
                res.set_header("X-Content-Type-Options", "nosniff");
                res.set_header("Cache-Control", "no-store");
                res.set_content(a->data, a->size, std::string(mime_type(name)));
            };
        };
        http.Get("/", page("index.html"));
        for (const Asset& a : assets()) http.Get("/" + std::string(a.name), page(a.name));

        http.Get("/api/info", api([this](const httplib::Request&, httplib::Response& res) {
            send_json(res, {{"mode", folder.folder_mode() ? "folder" : "file"}, {"workbooks", folder.list()},
                            {"templates", folder.folder_mode() ? template_names() : std::vector<std::string>{}},
                            {"max_upload", opt.max_upload}});
        }));
        auto sheets = [this](const std::string& file, httplib::Response& res) {
            Session& s = session(file);
            std::lock_guard lock(s.mutex);
            send_json(res, s.sheets_json());
        };
        http.Post("/api/open", api([sheets](const httplib::Request& req, httplib::Response& res) {
            sheets(field(body_json(req), "file"), res);
        }));
        http.Get("/api/sheets", api([sheets](const httplib::Request& req, httplib::Response& res) {
            sheets(param(req, "file"), res);
        }));
        http.Get("/api/cells", api([this](const httplib::Request& req, httplib::Response& res) {
            Session& s = session(param(req, "file"));
            std::lock_guard lock(s.mutex);
            send_json(res, s.cells_json(param(req, "sheet"), param(req, "range")));
        }));
        http.Get("/api/precedents", api([this](const httplib::Request& req, httplib::Response& res) {
            Session& s = session(param(req, "file"));
            std::lock_guard lock(s.mutex);
            send_json(res, s.precedents_json(param(req, "sheet"), param(req, "cell")));
        }));
        http.Get("/api/findings", api([this](const httplib::Request& req, httplib::Response& res) {
            Session& s = session(param(req, "file"));
            std::lock_guard lock(s.mutex);
            send_json(res, s.findings_json());
        }));
        http.Post("/api/edit", api([this](const httplib::Request& req, httplib::Response& res) {
            json b = body_json(req);
            Session& s = session(field(b, "file"));
            json rows;
            if (b.contains("values")) rows = b["values"];
            else if (b.contains("value")) rows = json::array({json::array({b["value"]})});
            else throw ApiError(400, "missing_field", zh("serve.missing_field", {"value"}));
            if (!rows.is_array()) throw ApiError(400, "bad_value", zh("serve.bad_value", {"values"}));
            bool raw = b.value("raw", false);
            std::lock_guard lock(s.mutex);
            std::string view_sheet, view_range;
            if (auto v = b.find("view"); v != b.end() && v->is_object()) {
                view_sheet = v->value("sheet", std::string());
                view_range = v->value("range", std::string());
            }
            send_json(res, s.edit(field(b, "sheet"), field(b, "cell"), rows, raw, view_sheet, view_range));
        }));
        http.Post("/api/save", api([this](const httplib::Request& req, httplib::Response& res) {
            json b = body_json(req);
            std::string file = field(b, "file");
            Session& s = session(file);
            bool force = b.value("force", false);
            std::string as = b.value("as", std::string());
            fs::path out = as.empty() ? s.file() : folder.resolve(as, true, force);
            std::lock_guard lock(s.mutex);
            json j = s.save(out, out == s.file(), force);
            j["file"] = as.empty() ? file : as;
            send_json(res, j);
        }));
        http.Get("/api/download", api([this](const httplib::Request& req, httplib::Response& res) {
            std::string file = param(req, "file");
            Session& s = session(file);
            std::lock_guard lock(s.mutex);
            send_file(res, s.bytes(), fs::path(file).filename().string(),
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        }));
        http.Get("/api/report", api([this](const httplib::Request& req, httplib::Response& res) {
            std::string file = param(req, "file"), format = req.get_param_value("format");
            if (format.empty()) format = "html";
            if (format != "html" && format != "json" && format != "xlsx")
                throw ApiError(400, "bad_format", zh("serve.bad_format", {format}));
            Session& s = session(file);
            std::vector<check::WorkbookReport> all;
            {
                std::lock_guard lock(s.mutex);
                all.push_back(s.report());
            }
            std::string stem = fs::path(file).stem().string() + "_审核报告";
            if (format == "json") return send_file(res, check::format_json(all), stem + ".json", "application/json; charset=utf-8");
            if (format == "html") {
                check::HtmlOptions ho;
                ho.rules_note = "规则 " + std::to_string(opt.plugins->rules().size()) + " 条";
                return send_file(res, check::report_html(all, ho), stem + ".html", "text/html; charset=utf-8");
            }
            fs::path tmp = fs::temp_directory_path() / ("suanpan-report-" + random_token() + ".xlsx");
            check::write_report_xlsx(all, tmp.string());
            std::ifstream f(tmp, std::ios::binary);
            std::stringstream ss;
            ss << f.rdbuf();
            std::error_code ec;
            fs::remove(tmp, ec);
            send_file(res, ss.str(), stem + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        }));
        http.Post("/api/new", api([this](const httplib::Request& req, httplib::Response& res) {
            if (!folder.folder_mode()) throw ApiError(403, "folder_only", zh("serve.folder_only"));
            json b = body_json(req);
            fs::path from = template_path(field(b, "template"));
            std::string name = field(b, "name");
            fs::path to = folder.resolve(name, true, false);
            std::error_code ec;
            fs::copy_file(from, to, fs::copy_options::none, ec);
            if (ec) throw ApiError(409, "exists", zh("serve.write_failed", {name, ec.message()}));
            send_json(res, {{"file", name}}, 201);
        }));
        http.Post("/api/upload", api([this](const httplib::Request& req, httplib::Response& res) {
            if (!folder.folder_mode()) throw ApiError(403, "folder_only", zh("serve.folder_only"));
            std::string name = param(req, "name");
            fs::path to = folder.resolve(name, true, req.get_param_value("force") == "1");
            // Refuse what cannot be read, with the message `suanpan recalc` gives.
            auto bytes = std::make_shared<const std::string>(req.body);
            try {
                xlsx::ReadOptions ro;
                ro.registry = registry.get();
                (void)xlsx::read_bytes(bytes, name, ro);
            } catch (const std::exception& e) {
                throw ApiError(422, "unreadable", page_text(e));
            }
            fs::path tmp = to.parent_path() / ("." + to.filename().string() + ".upload-" + random_token());
            {
                std::ofstream f(tmp, std::ios::binary);
                f.write(bytes->data(), std::streamsize(bytes->size()));
                if (!f.flush()) {
                    std::error_code ec;
                    fs::remove(tmp, ec);
                    throw ApiError(500, "write_failed", zh("serve.write_failed", {name, "I/O"}));
                }
            }
            std::error_code ec;
            fs::rename(tmp, to, ec);
            if (ec) throw ApiError(500, "write_failed", zh("serve.write_failed", {name, ec.message()}));
            {  // a fresh upload replaces any open session of that file
                std::lock_guard lock(sessions_mutex);
                sessions.erase(to.string());
            }
            send_json(res, {{"file", name}, {"bytes", bytes->size()}}, 201);
        }));
        http.Get(R"(/api/.*)", api([](const httplib::Request& req, httplib::Response&) {
            throw ApiError(404, "not_found", zh("serve.not_found", {req.path}));
        }));
        http.Post(R"(/api/.*)", api([](const httplib::Request& req, httplib::Response&) {
            throw ApiError(404, "not_found", zh("serve.not_found", {req.path}));
        }));
    }
};

Server::Server(ServerOptions opt) : impl_(std::make_unique<Impl>(std::move(opt))) { impl_->routes(); }
Server::~Server() = default;

bool Server::bind() {
    if (impl_->opt.port == 0) impl_->port = impl_->http.bind_to_any_port(impl_->opt.host);
    else if (impl_->http.bind_to_port(impl_->opt.host, impl_->opt.port)) impl_->port = impl_->opt.port;
    else impl_->port = -1;
    return impl_->port > 0;
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
    std::string h = impl_->opt.host;
    if (h == "0.0.0.0" || h == "::") h = "127.0.0.1";
    if (h.find(':') != std::string::npos && h.front() != '[') h = "[" + h + "]";
    std::string u = "http://" + h + ":" + std::to_string(impl_->port) + "/";
    if (!impl_->opt.token.empty()) u += "?token=" + impl_->opt.token;
    return u;
}

void Server::run() { impl_->http.listen_after_bind(); }
void Server::stop() { impl_->http.stop(); }

}  // namespace sp::serve
