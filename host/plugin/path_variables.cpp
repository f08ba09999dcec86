#include "plugin/path_variables.hpp"

#include <cstdlib>
#include <fstream>

namespace warden::plugin {
namespace fs = std::filesystem;
namespace {

std::optional<std::string> env_value(const PathEnvironment& env, const std::string& name) {
  std::optional<std::string> v;
  if (env.getenv) {
    v = env.getenv(name);
  } else if (const char* s = std::getenv(name.c_str())) {
    v = std::string(s);
  }
  if (v && v->empty()) return std::nullopt;
  return v;
}

std::optional<fs::path> absolute_env(const PathEnvironment& env, const std::string& name) {
  auto v = env_value(env, name);
  if (!v || v->front() != '/') return std::nullopt;  // XDG: relative values are ignored
  return fs::path(*v);
}

std::optional<fs::path> home(const PathEnvironment& env) { return absolute_env(env, "HOME"); }

std::optional<fs::path> xdg(const PathEnvironment& env, const std::string& var, const char* fallback) {
  if (auto p = absolute_env(env, var)) return p;
  if (auto h = home(env)) return *h / fallback;
  return std::nullopt;
}

// XDG user directories: $XDG_CONFIG_HOME/user-dirs.dirs, lines XDG_DOWNLOAD_DIR="$HOME/Downloads".
std::optional<fs::path> user_dir(const PathEnvironment& env, const std::string& key, const char* fallback) {
  auto h = home(env);
  if (!h) return std::nullopt;
  if (auto config = xdg(env, "XDG_CONFIG_HOME", ".config")) {
    std::ifstream in(*config / "user-dirs.dirs");
    std::string line;
    const std::string prefix = "XDG_" + key + "_DIR=";
    while (std::getline(in, line)) {
      if (line.rfind(prefix, 0) != 0) continue;
      std::string value = line.substr(prefix.size());
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      if (value.rfind("$HOME", 0) == 0) return fs::path(h->string() + value.substr(5)).lexically_normal();
      if (!value.empty() && value.front() == '/') return fs::path(value).lexically_normal();
    }
  }
  return *h / fallback;
}

}  // namespace

std::optional<fs::path> path_variable(std::string_view n, const PathEnvironment& env) {
  const std::string name(n);
  auto app = [&](std::optional<fs::path> base, const char* suffix = nullptr) -> std::optional<fs::path> {
    if (!base || env.app_identifier.empty()) return std::nullopt;
    fs::path p = *base / env.app_identifier;
    if (suffix) p /= suffix;
    return p;
  };
  if (name == "HOME") return home(env);
  if (name == "CONFIG") return xdg(env, "XDG_CONFIG_HOME", ".config");
  if (name == "DATA" || name == "LOCALDATA") return xdg(env, "XDG_DATA_HOME", ".local/share");
  if (name == "CACHE") return xdg(env, "XDG_CACHE_HOME", ".cache");
  if (name == "RUNTIME") return absolute_env(env, "XDG_RUNTIME_DIR");
  if (name == "TEMP") {
    if (auto t = absolute_env(env, "TMPDIR")) return t;
    return fs::path("/tmp");
  }
  if (name == "DESKTOP") return user_dir(env, "DESKTOP", "Desktop");
  if (name == "DOCUMENT") return user_dir(env, "DOCUMENTS", "Documents");
  if (name == "DOWNLOAD") return user_dir(env, "DOWNLOAD", "Downloads");
  if (name == "AUDIO") return user_dir(env, "MUSIC", "Music");
  if (name == "PICTURE") return user_dir(env, "PICTURES", "Pictures");
  if (name == "PUBLIC") return user_dir(env, "PUBLICSHARE", "Public");
  if (name == "TEMPLATE") return user_dir(env, "TEMPLATES", "Templates");
  if (name == "VIDEO") return user_dir(env, "VIDEOS", "Videos");
  if (name == "FONT") {
    auto d = xdg(env, "XDG_DATA_HOME", ".local/share");
    if (d) return *d / "fonts";
    return std::nullopt;
  }
  if (name == "EXE") return xdg(env, "XDG_BIN_HOME", ".local/bin");
  if (name == "RESOURCE") return env.resource_dir;
  if (name == "APPCONFIG") return app(xdg(env, "XDG_CONFIG_HOME", ".config"));
  if (name == "APPDATA" || name == "APPLOCALDATA") return app(xdg(env, "XDG_DATA_HOME", ".local/share"));
  if (name == "APPCACHE") return app(xdg(env, "XDG_CACHE_HOME", ".cache"));
  if (name == "APPLOG" || name == "LOG") return app(xdg(env, "XDG_DATA_HOME", ".local/share"), "logs");
  return std::nullopt;
}

std::optional<ExpandedPath> expand_path_variable(std::string_view path, const PathEnvironment& env) {
  if (path.empty()) return std::nullopt;
  if (path.front() == '/') return ExpandedPath{fs::path("/"), std::string(path.substr(1))};
  if (path.front() != '$') return std::nullopt;
  std::size_t slash = path.find('/');
  std::string_view name = path.substr(1, slash == std::string_view::npos ? std::string_view::npos : slash - 1);
  auto base = path_variable(name, env);
  if (!base || !base->is_absolute()) return std::nullopt;
  ExpandedPath out{base->lexically_normal(), {}};
  if (slash != std::string_view::npos) out.rest = std::string(path.substr(slash + 1));
  return out;
}

std::optional<fs::path> resolve_path(std::string_view path, const PathEnvironment& env) {
  auto e = expand_path_variable(path, env);
  if (!e) return std::nullopt;
  fs::path p = e->rest.empty() ? e->base : e->base / e->rest;
  p = p.lexically_normal();
  std::string s = p.string();
  if (s.size() > 1 && s.back() == '/') p = fs::path(s.substr(0, s.size() - 1));
  return p;
}

}  // namespace warden::plugin
