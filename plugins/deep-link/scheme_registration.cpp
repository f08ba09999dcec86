#include "scheme_registration.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <span>
#include <stdexcept>
#include <system_error>

#include <warden/scoped_file.hpp>

#include "desktop_tool.hpp"
#include "handler_entry.hpp"
#include "mimeapps_list.hpp"

namespace warden::deep_link_plugin {
namespace {

constexpr std::chrono::milliseconds kToolTime{10000};
constexpr std::uint64_t kMaxListBytes = 1 << 20;

std::string mime_of(const std::string& scheme) { return "x-scheme-handler/" + scheme; }

// `folder` and the folders above it, made 0700 when missing; then where it really is (the
// user's own folders may be symlinks, e.g. /home on some systems: those are followed once, here;
// the file inside is then reached without following any).
std::string canonical_made_folder(const std::string& folder) {
  for (std::size_t pos = folder.find('/', 1);; pos = folder.find('/', pos + 1)) {
    std::string partial = folder.substr(0, pos);
    if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST)
      throw std::system_error(errno, std::generic_category(), "cannot create " + partial);
    if (pos == std::string::npos) break;
  }
  char* real = ::realpath(folder.c_str(), nullptr);
  if (!real) throw std::system_error(errno, std::generic_category(), "cannot resolve " + folder);
  std::string out(real);
  std::free(real);
  return out;
}

std::span<const std::uint8_t> bytes(const std::string& text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

SchemeRegistration::SchemeRegistration(RegistrationPlaces places, RegisteredApp app)
    : places_(std::move(places)), app_(std::move(app)), desktop_id_(handler_file_name(app_.identifier)) {}

std::string SchemeRegistration::applications_folder() const {
  return canonical_made_folder(places_.data_home + "/applications");
}

std::optional<std::string> SchemeRegistration::read_own_entry(const std::string& folder) const {
  try {
    std::string text = read_scoped_file(folder + "/" + desktop_id_, kMaxListBytes);
    if (is_handler_entry_of(text, app_.identifier)) return text;
  } catch (const std::system_error&) {
    // none, a symlink or unreadable: not an entry of ours; writing replaces it
  }
  return std::nullopt;
}

void SchemeRegistration::write_entry(const std::string& folder, std::vector<std::string> schemes) const {
  std::string text = handler_entry_text({app_.product_name, app_.command, app_.identifier, std::move(schemes)});
  std::string path = folder + "/" + desktop_id_;
  // A symlink in the entry's place goes (the link itself, never what it points to); one put back
  // before the write below makes the write fail instead of leading elsewhere.
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode) && ::unlink(path.c_str()) != 0)
    throw std::system_error(errno, std::generic_category(), "cannot remove the symlink " + path);
  replace_scoped_file(path, bytes(text), 0644);
}

void SchemeRegistration::index(const std::string& folder) const {
  ToolResult r = run_tool({"update-desktop-database", folder}, kToolTime, "desktop-file-utils");
  if (r.exit_status != 0)
    throw std::runtime_error("update-desktop-database " + folder + " failed (" + std::to_string(r.exit_status) +
                             "): " + trimmed(r.err));
}

void SchemeRegistration::add(const std::string& scheme, const DeepLinkConfig& config) {
  std::lock_guard lock(mutex_);
  std::string folder = applications_folder();
  std::vector<std::string> schemes;
  if (auto existing = read_own_entry(folder))
    for (const std::string& s : handler_entry_schemes(*existing))
      if (config.handles(s) && s != scheme) schemes.push_back(s);
  schemes.push_back(scheme);
  write_entry(folder, std::move(schemes));
  index(folder);
  ToolResult r = run_tool({"xdg-mime", "default", desktop_id_, mime_of(scheme)}, kToolTime, "xdg-utils");
  if (r.exit_status != 0)
    throw std::runtime_error("xdg-mime default " + desktop_id_ + " " + mime_of(scheme) + " failed (" +
                             std::to_string(r.exit_status) + "): " + trimmed(r.err));
}

void SchemeRegistration::forget_default(const std::string& scheme) const {
  std::string config_folder = canonical_made_folder(places_.config_home);
  std::string list = config_folder + "/mimeapps.list";
  std::string text;
  try {
    text = read_scoped_file(list, kMaxListBytes);
  } catch (const std::system_error& e) {
    if (e.code() == std::errc::no_such_file_or_directory) return;  // no defaults chosen at all
    throw;  // a symlink (ELOOP) is the user's arrangement: not ours to replace
  }
  if (auto changed = without_default(text, mime_of(scheme), desktop_id_)) replace_scoped_file(list, bytes(*changed));
}

void SchemeRegistration::remove(const std::string& scheme, const DeepLinkConfig& config) {
  std::lock_guard lock(mutex_);
  std::string folder = applications_folder();
  if (auto existing = read_own_entry(folder)) {
    std::vector<std::string> schemes;
    for (const std::string& s : handler_entry_schemes(*existing))
      if (config.handles(s) && s != scheme) schemes.push_back(s);
    if (schemes.empty()) {
      if (::unlink((folder + "/" + desktop_id_).c_str()) != 0 && errno != ENOENT)
        throw std::system_error(errno, std::generic_category(), "cannot remove " + folder + "/" + desktop_id_);
    } else {
      write_entry(folder, std::move(schemes));
    }
  }
  forget_default(scheme);
  index(folder);
}

std::string SchemeRegistration::current_default(const std::string& scheme) const {
  ToolResult r = run_tool({"xdg-mime", "query", "default", mime_of(scheme)}, kToolTime, "xdg-utils");
  if (r.exit_status != 0)
    throw std::runtime_error("xdg-mime query default " + mime_of(scheme) + " failed (" +
                             std::to_string(r.exit_status) + "): " + trimmed(r.err));
  return trimmed(r.out);
}

}  // namespace warden::deep_link_plugin
