#pragma once
// The frozen ABI-1 warden_host handed to a plugin built against the ABI-1 header: every ABI-1
// function forwards to the ABI-2 core or to the host extension that now provides it, for the
// same plugin (its HostServices), so an old plugin behaves exactly as a new one would.
#include "plugin/abi1/plugin_abi1.h"

namespace warden::plugin {
class HostServices;
}

namespace warden::plugin::abi1 {

class Abi1Host {
 public:
  // `services` outlives this object (the plugin's ABI-2 host).
  explicit Abi1Host(const HostServices& services);
  Abi1Host(const Abi1Host&) = delete;
  Abi1Host& operator=(const Abi1Host&) = delete;

  // Valid as long as this object; its host_data points to the plugin's HostServices.
  const warden_abi1_host* vtable() const { return &vtable_; }

 private:
  warden_abi1_host vtable_{};
};

}  // namespace warden::plugin::abi1
