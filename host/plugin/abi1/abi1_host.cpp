#include "plugin/abi1/abi1_host.hpp"

#include <cstdlib>

#include "plugin/call.hpp"
#include "plugin/host_extensions.hpp"
#include "plugin/host_services.hpp"
#include "warden/ext/command_scopes.h"
#include "warden/ext/events.h"
#include "warden/ext/path_scope.h"
#include "warden/ext/resources.h"

namespace warden::plugin::abi1 {
namespace {

// ABI 2 kept these ABI-1 layouts (LP64): an old plugin reads them as it was compiled to.
static_assert(sizeof(warden_caller) == 32 && offsetof(warden_caller, origin) == 24);
static_assert(sizeof(warden_request) == 72 && offsetof(warden_request, scopes_json) == 48 &&
              offsetof(warden_request, caller) == 56 && offsetof(warden_request, call) == 64);
static_assert(sizeof(warden_command) == 32 && offsetof(warden_command, invoke) == 16 &&
              offsetof(warden_command, flags) == 24);
static_assert(offsetof(warden_abi1_host, reject_scope) == 128 && offsetof(warden_abi1_host, command_scopes) == 136);

// The ABI-2 core of the plugin the ABI-1 host was made for.
const warden_host* core(const warden_abi1_host* host) {
  auto* services = host ? static_cast<const HostServices*>(host->host_data) : nullptr;
  return services ? services->vtable() : nullptr;
}

template <class T>
const T* extension(const char* id) {
  return static_cast<const T*>(find_host_extension(id));
}

void log(const warden_abi1_host* host, warden_log_level level, const char* message) {
  if (const warden_host* h = core(host)) h->log(h, level, message);
}

char* resolve_path(const warden_abi1_host* host, const char* path) {
  const warden_host* h = core(host);
  auto* ps = extension<warden_host_path_scope>(WARDEN_EXT_PATH_SCOPE);
  return h && ps ? ps->resolve_path(h, path) : nullptr;
}

int path_in_scope(const warden_abi1_host* host, const char* path, const char* scopes_json) {
  const warden_host* h = core(host);
  auto* ps = extension<warden_host_path_scope>(WARDEN_EXT_PATH_SCOPE);
  if (!h || !ps) return -1;
  int r = ps->path_in_scope(h, path, scopes_json);
  return r < 0 ? -1 : r;  // ABI 1 promised exactly -1 for malformed input
}

int emit(const warden_abi1_host* host, const char* event, const char* payload_json, const char* target_window) {
  const warden_host* h = core(host);
  auto* events = extension<warden_host_events>(WARDEN_EXT_EVENTS);
  return h && events ? events->emit(h, event, payload_json, target_window) : -1;
}

void free_string(const warden_abi1_host*, char* s) { std::free(s); }

// Channel handles do not know their host; the channels extension does not need it.
warden_channel* channel_open(warden_call* call, const char* reference) {
  return extension<warden_host_channels>(WARDEN_EXT_CHANNELS)->channel_open(call, reference);
}

int channel_send(warden_channel* channel, const char* json, size_t size) {
  return extension<warden_host_channels>(WARDEN_EXT_CHANNELS)->channel_send(nullptr, channel, json, size);
}

void channel_close(warden_channel* channel) {
  extension<warden_host_channels>(WARDEN_EXT_CHANNELS)->channel_close(nullptr, channel);
}

uint32_t resource_add(warden_call* call, void* object, void (*close)(void* object)) {
  uint32_t rid = 0;
  return extension<warden_host_resources>(WARDEN_EXT_RESOURCES)->resource_add(call, object, close, &rid) == 0 ? rid : 0;
}

void* resource_get(warden_call* call, uint32_t rid) {
  return extension<warden_host_resources>(WARDEN_EXT_RESOURCES)->resource_get(call, rid);
}

int resource_close(warden_call* call, uint32_t rid) {
  return extension<warden_host_resources>(WARDEN_EXT_RESOURCES)->resource_close(call, rid);
}

char* command_scopes(warden_call* call, const char* command) {
  return extension<warden_host_command_scopes>(WARDEN_EXT_COMMAND_SCOPES)->command_scopes(call, command);
}

}  // namespace

Abi1Host::Abi1Host(const HostServices& services) {
  vtable_.struct_size = sizeof(warden_abi1_host);
  vtable_.abi_version = WARDEN_ABI1_VERSION;
  vtable_.host_data = const_cast<HostServices*>(&services);
  vtable_.log = log;
  vtable_.resolve_path = resolve_path;
  vtable_.path_in_scope = path_in_scope;
  vtable_.emit = emit;
  vtable_.resolve_json = call_resolve_json;
  vtable_.resolve_bytes = call_resolve_bytes;
  vtable_.reject = call_reject;
  vtable_.free_string = free_string;
  vtable_.channel_open = channel_open;
  vtable_.channel_send = channel_send;
  vtable_.channel_close = channel_close;
  vtable_.resource_add = resource_add;
  vtable_.resource_get = resource_get;
  vtable_.resource_close = resource_close;
  vtable_.reject_scope = call_reject_scope;
  vtable_.command_scopes = command_scopes;
}

}  // namespace warden::plugin::abi1
