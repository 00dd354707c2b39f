// server.h — the workbench's HTTP server (cpp-httplib): the page (embedded assets), the JSON
// API over Sessions, and the safety rules: loopback by default, a token for any other host,
// Host/Origin must be the server's own, paths confined to the named workbook or folder,
// request bodies capped, every refusal a JSON error with a 4xx status.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "lua/plugins.h"

namespace sp::serve {

struct ServerOptions {
    std::string target;                  // workbook or folder
    std::string host = "127.0.0.1";
    int port = 8765;                     // 0: any free port
    std::string token;                   // required for every request when not empty
    size_t max_upload = 64u << 20;       // request body cap (bytes)
    std::shared_ptr<const lua::PluginSet> plugins;  // checks and functions (shipped + --plugins)
};

bool is_loopback(const std::string& host);
std::string random_token();

class Server {
public:
    explicit Server(ServerOptions opt);  // throws ApiError when target is neither file nor folder
    ~Server();
    // Binds (port 0: a free one); false when the address is in use or invalid.
    bool bind();
    int port() const;
    std::string url() const;  // "http://127.0.0.1:8765/" (with ?token=… when one is set)
    void run();               // serves until stop()
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace sp::serve
