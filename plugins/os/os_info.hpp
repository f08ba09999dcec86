#pragma once
// What the os plugin reports, as plain functions (unit-tested without a host): the values of
// @tauri-apps/plugin-os on Linux, computed from the build target, /etc/os-release, the locale
// environment and gethostname().
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace warden::os_plugin {

// Compile-time facts of this build: "linux", "unix", "x86_64"/"aarch64"/..., "\n", "".
std::string_view platform();
std::string_view os_type();
std::string_view family();
std::string_view arch();
std::string_view eol();
std::string_view exe_extension();

// VERSION_ID of an os-release file's text (quotes removed), nullopt when it has none.
std::optional<std::string> os_release_version(std::string_view os_release_text);

// The OS version: VERSION_ID of /etc/os-release (else /usr/lib/os-release), else the kernel
// release (uname -r), else "unknown".
std::string version();

// A POSIX locale name ("de_AT.UTF-8@euro") as a BCP-47 tag ("de-AT"); nullopt for "", "C" and
// "POSIX" (no language) or a name that is not [A-Za-z0-9_-] once codeset and modifier are gone.
std::optional<std::string> bcp47_from_posix(std::string_view posix_locale);

// The user's locale: the first non-empty of LC_ALL, LC_MESSAGES, LANG, as BCP-47 (nullopt when
// none is set or it names no language). `getenv` defaults to the process environment.
std::optional<std::string> locale(const std::function<const char*(const char*)>& getenv = {});

// gethostname(), lossily decoded (invalid UTF-8 bytes become U+FFFD).
std::string hostname();

// The script that defines window.__TAURI_OS_PLUGIN_INTERNALS__ (read synchronously by
// @tauri-apps/plugin-os): a frozen, non-writable object {eol, os_type, platform, family, version,
// arch, exe_extension}, each value JSON-escaped.
std::string init_script(std::string_view os_version);

}  // namespace warden::os_plugin
