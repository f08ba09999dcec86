#include "plugin/host_services.hpp"

#include <cstdlib>

#include <spdlog/spdlog.h>

#include "plugin/call.hpp"
#include "plugin/host_extensions.hpp"

#ifndef WARDEN_HOST_VERSION
#error "WARDEN_HOST_VERSION (the project version) is defined by host/CMakeLists.txt"
#endif

namespace warden::plugin {
namespace {

// One line, no control characters: a plugin cannot forge other log lines.
std::string printable(const char* message) {
  std::string out;
  if (!message) return "(null)";
  for (const char* p = message; *p && out.size() < 16384; ++p) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c < 0x20 || c == 0x7f) out += '?';
    else out += static_cast<char>(c);
  }
  return out;
}

void host_log(const warden_host* host, warden_log_level level, const char* message) {
  const HostServices* h = HostServices::from(host);
  spdlog::level::level_enum lvl = spdlog::level::info;
  switch (level) {
    case WARDEN_LOG_TRACE: lvl = spdlog::level::trace; break;
    case WARDEN_LOG_DEBUG: lvl = spdlog::level::debug; break;
    case WARDEN_LOG_INFO: lvl = spdlog::level::info; break;
    case WARDEN_LOG_WARN: lvl = spdlog::level::warn; break;
    case WARDEN_LOG_ERROR: lvl = spdlog::level::err; break;
    default: lvl = spdlog::level::warn; break;
  }
  spdlog::log(lvl, "[plugin {}] {}", h ? h->plugin_name() : "?", printable(message));
}

// Every string the host transfers to a plugin comes from malloc (strdup).
void host_free_string(const warden_host*, char* s) { std::free(s); }

const void* host_get_extension(const warden_host* host, const char* id) {
  if (!HostServices::from(host) || !id) return nullptr;
  return find_host_extension(id);
}

}  // namespace

const char* host_version() { return WARDEN_HOST_VERSION; }

const HostServices* HostServices::from(const warden_host* host) {
  return host ? static_cast<const HostServices*>(host->host_data) : nullptr;
}

HostServices::HostServices(std::string plugin_name, HostOptions options)
    : plugin_(std::move(plugin_name)), options_(std::move(options)) {
  vtable_.struct_size = sizeof(warden_host);
  vtable_.abi_version = WARDEN_ABI_VERSION;
  vtable_.host_data = this;
  vtable_.host_name = plugin::host_name;
  vtable_.host_version = plugin::host_version();
  vtable_.sdk_version = WARDEN_SDK_VERSION;
  vtable_.log = host_log;
  vtable_.free_string = host_free_string;
  vtable_.resolve_json = call_resolve_json;
  vtable_.resolve_bytes = call_resolve_bytes;
  vtable_.reject = call_reject;
  vtable_.reject_scope = call_reject_scope;
  vtable_.get_extension = host_get_extension;
  if (options_.main_thread) main_thread_callbacks_ = options_.main_thread->plugin_callbacks(plugin_);
}

}  // namespace warden::plugin
