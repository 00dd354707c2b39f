// cmd_serve.cpp — `suanpan serve [WORKBOOK.xlsx | FOLDER] [--port N] [--host H] [--token T]`:
// the local workbench (serve/server.h). Prints the URL, serves until interrupted.
#include <csignal>
#include <iostream>

#include "cli/command.h"
#include "cli/open_workbook.h"
#include "core/messages.h"
#include "serve/api_error.h"
#include "serve/server.h"

namespace sp::cli {
namespace {

struct ServeArgs {
    std::string target = ".";
    std::string host = "127.0.0.1", token;
    int port = 8765;
    uint64_t max_upload = 64u << 20;
};

serve::Server* g_server = nullptr;
void serve_on_signal(int) {
    if (g_server) g_server->stop();
}

void run(const ServeArgs& a) {
    serve::ServerOptions o;
    o.target = a.target;
    o.host = a.host;
    o.port = a.port;
    o.token = a.token;
    o.max_upload = a.max_upload;
    o.plugins = cli_plugins();
    if (!serve::is_loopback(a.host) && o.token.empty()) o.token = serve::random_token();
    std::unique_ptr<serve::Server> server;
    try {
        server = std::make_unique<serve::Server>(o);
    } catch (const serve::ApiError& e) {
        throw Exit(kBadInput, user_text(e));
    }
    if (!server->bind()) throw Exit(kUsage, msg::text("cli.cannot_listen", {a.host + ":" + std::to_string(a.port)}));
    if (!serve::is_loopback(a.host)) std::cout << msg::text("serve.host_needs_token", {a.host, o.token}) << "\n";
    std::cout << msg::text("serve.listening", {server->url()}) << std::endl;
    g_server = server.get();
    std::signal(SIGINT, serve_on_signal);
    std::signal(SIGTERM, serve_on_signal);
    server->run();
    g_server = nullptr;
}

Registration reg("serve", "Local workbench: fill a template in the browser, see totals and 审核 live", [](CLI::App& sub) {
    auto a = std::make_shared<ServeArgs>();
    sub.add_option("target", a->target, "Workbook (.xlsx) or folder of workbooks (default: the current folder)");
    sub.add_option("--port", a->port, "Port (default 8765; 0: any free port)");
    sub.add_option("--host", a->host, "Address to listen on (default 127.0.0.1; others need --token)");
    sub.add_option("--token", a->token, "Token every request must carry (generated and printed for non-loopback hosts)");
    sub.add_option("--max-upload", a->max_upload, "Largest request body in bytes (default 64 MiB)")->type_name("BYTES");
    sub.callback([a] { run(*a); });
});

}  // namespace
}  // namespace sp::cli
