#include "cli/debian_packages.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <glib.h>

namespace warden::cli {
namespace fs = std::filesystem;
namespace {

std::optional<std::string> read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool is_compressed(const fs::path& file) {
  auto ext = file.extension().string();
  return ext == ".gz" || ext == ".xz" || ext == ".lz4" || ext == ".zst" || ext == ".bz2" || ext == ".lzma";
}

// apt may store lists compressed (Acquire::GzipIndexes, the lz4 of container images); its own
// helper decompresses whatever it wrote, so no decompressor is linked here.
std::string read_list(const fs::path& file, const fs::path& apt_helper) {
  if (!is_compressed(file)) {
    auto text = read_file(file);
    if (!text) throw std::runtime_error("cannot read it");
    return *text;
  }
  std::string helper = apt_helper.string(), path = file.string();
  char* argv[] = {helper.data(), const_cast<char*>("cat-file"), path.data(), nullptr};
  gchar* out = nullptr;
  gchar* err = nullptr;
  gint status = 0;
  GError* error = nullptr;
  if (!g_spawn_sync(nullptr, argv, nullptr, G_SPAWN_DEFAULT, nullptr, nullptr, &out, &err, &status, &error)) {
    std::string why = "compressed, and " + helper + " cannot run: " + error->message;
    g_error_free(error);
    throw std::runtime_error(why);
  }
  std::string text = out ? out : "", message = err ? err : "";
  g_free(out);
  g_free(err);
  if (!g_spawn_check_wait_status(status, nullptr))
    throw std::runtime_error("compressed, and " + helper + " cat-file failed: " + message);
  return text;
}

}  // namespace

struct PackageIndex::ReadList {
  std::vector<ControlStanza> stanzas;
  std::optional<std::string> error;
};

std::vector<ControlStanza> parse_control_stanzas(const std::string& text) {
  std::vector<ControlStanza> out;
  ControlStanza current;
  bool any = false;
  std::istringstream in(text);
  std::string line;
  auto flush = [&] {
    if (any) out.push_back(std::move(current));
    current = {};
    any = false;
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      flush();
      continue;
    }
    if (line.front() == ' ' || line.front() == '\t') continue;  // a continuation line
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string field = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    auto start = value.find_first_not_of(" \t");
    value = start == std::string::npos ? "" : value.substr(start);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
    any = true;
    if (field == "Package") current.package = value;
    else if (field == "Architecture") current.architecture = value;
    else if (field == "Version") current.version = value;
    else if (field == "Status") current.status = value;
  }
  flush();
  return out;
}

std::optional<InstalledPackage> PackageIndex::installed(const std::string& name, const std::string& architecture) const {
  auto text = read_file(status_file());
  if (!text) return std::nullopt;
  std::optional<InstalledPackage> found;
  for (auto& s : parse_control_stanzas(*text)) {
    if (s.package != name || s.status != "install ok installed") continue;
    bool preferred = s.architecture == architecture;
    if (!found || preferred) found = InstalledPackage{s.package, s.architecture, s.version};
    if (preferred) break;
  }
  return found;
}

std::vector<fs::path> PackageIndex::list_files() const {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(lists_folder(), ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    std::string base = is_compressed(it->path()) ? it->path().stem().string() : name;
    if (base.ends_with("_Packages") && it->is_regular_file()) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<AvailablePackage> PackageIndex::available(const std::string& name, const std::string& architecture,
                                                      std::vector<std::string>& unreadable) const {
  std::vector<AvailablePackage> out;
  for (const fs::path& list : list_files()) {
    auto& cached = lists_[list];
    if (!cached) {
      auto read = std::make_shared<ReadList>();
      try {
        read->stanzas = parse_control_stanzas(read_list(list, apt_helper));
      } catch (const std::exception& e) {
        read->error = e.what();
      }
      cached = std::move(read);
    }
    if (cached->error) {
      unreadable.push_back(list.string() + ": " + *cached->error);
      continue;
    }
    for (auto& s : cached->stanzas)
      if (s.package == name && (s.architecture == architecture || s.architecture == "all"))
        out.push_back({s.version, list.filename().string()});
  }
  return out;
}

}  // namespace warden::cli
