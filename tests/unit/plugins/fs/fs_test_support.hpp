#pragma once
// A temporary tree with an allowed folder, an outside folder and the host's own scope check
// (host/plugin/path_scope), so the plugin's logic is tested against the real decision.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>

#include <boost/json.hpp>

#include "arguments.hpp"
#include "plugin/path_scope.hpp"

namespace warden::fs_test {

class Tree {
 public:
  Tree() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "warden-fs-test-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    root_ = tmpl;
    std::filesystem::create_directories(root_ / "allowed");
    std::filesystem::create_directories(root_ / "outside");
    env_.app_identifier = "com.example.fs";
    std::string home = root_.string();
    env_.getenv = [home](const std::string& name) -> std::optional<std::string> {
      if (name == "HOME") return home;
      return std::nullopt;
    };
  }
  ~Tree() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;

  std::string path(const std::string& rel) const { return (root_ / rel).string(); }
  void write(const std::string& rel, const std::string& text) const {
    auto p = root_ / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(root_ / rel, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  // Scopes: {"allow": [...], "deny": [...]} with $HOME = the tree's root. The plugin's other
  // commands are granted with the same scopes, or, with `grants`, only those it names (command ->
  // scopes), as the host's authority would answer for a capability that grants them.
  fs_plugin::Access access(const std::string& scopes = R"({"allow": ["$HOME/allowed", "$HOME/allowed/**"]})",
                           std::optional<std::map<std::string, std::string>> grants = std::nullopt) const {
    auto env = env_;
    auto check = [env](const std::string& json) -> fs_plugin::ScopeCheck {
      auto parsed = boost::json::parse(json);
      return [env, parsed](const std::string& p) {
        return plugin::path_in_scope(p, parsed, env) == plugin::ScopeDecision::allowed;
      };
    };
    fs_plugin::Access a;
    // What warden.path-scope/1's check_path and canonical_path answer: the host's own functions.
    a.check = [env, parsed = boost::json::parse(scopes)](const std::string& p, std::string& reason) -> std::optional<std::string> {
      auto j = plugin::judge_path(p, parsed, env);
      if (j.decision == plugin::ScopeDecision::allowed) return j.canonical;
      reason = j.reason;
      return std::nullopt;
    };
    a.canonical = [](const std::string& p) { return plugin::canonical_path(p); };
    a.in_scope = check(scopes);
    a.resolve = [env](const std::string& variable) -> std::optional<std::string> {
      auto p = plugin::path_variable(variable, env);
      if (!p) return std::nullopt;
      return p->string();
    };
    a.scopes_json = scopes;
    a.grant_of = [check, scopes, grants](std::string_view command) -> std::optional<fs_plugin::ScopeCheck> {
      if (!grants) return check(scopes);
      auto it = grants->find(std::string(command));
      if (it == grants->end()) return std::nullopt;
      return check(it->second);
    };
    return a;
  }

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
  plugin::PathEnvironment env_;
};

inline boost::json::value args(const std::string& json) { return boost::json::parse(json); }

// warden.path-scope/1's canonical_path: the host's own function.
inline std::optional<std::string> host_canonical(const std::string& path) { return plugin::canonical_path(path); }

}  // namespace warden::fs_test
