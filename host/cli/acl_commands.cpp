// `warden acl resolve|check|explain|diff`: the ACL engine from the command line, for app
// authors reviewing capabilities and for the conformance suite.
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/serialize.hpp>

#include "acl/acl_diff.hpp"
#include "acl/authority.hpp"
#include "acl/explain.hpp"
#include "acl/resolver.hpp"
#include "cli/acl_input_options.hpp"
#include "cli/command.hpp"

namespace warden::cli {
namespace {

namespace acl = warden::acl;

// The inputs shared by every acl subcommand.
struct AclOptions {
  std::string target;
  AclInputOptions inputs;
};

void add_input_options(CLI::App& cmd, AclOptions& o) {
  cmd.add_option("--target", o.target, "Platform to resolve for: linux, macos, windows, android, ios (default: this one)");
  add_acl_input_options(cmd, o.inputs, true);
}

acl::Target target_of(const AclOptions& o) {
  if (o.target.empty()) return acl::current_target();
  auto t = acl::parse_target(o.target);
  if (!t) throw UsageError("--target: unknown platform '" + o.target + "' (linux, macos, windows, android, ios)");
  return *t;
}

struct Loaded {
  std::shared_ptr<const acl::ManifestSet> manifests;
  std::shared_ptr<const acl::ResolvedAcl> acl;
};

Loaded load(const AclOptions& o) {
  if (!o.inputs.app && o.inputs.capabilities.empty()) throw UsageError("give --app DIR or at least one --capability FILE");
  acl::AclInputs inputs = load_acl_inputs(o.inputs);
  auto manifests = std::make_shared<const acl::ManifestSet>(std::move(inputs.manifests));
  auto resolved = acl::resolve_acl(*manifests, inputs.capabilities, target_of(o));
  return {manifests, resolved};
}

void print(const boost::json::value& v) { std::cout << boost::json::serialize(v) << "\n"; }

// A call as the host would see it: the webview defaults to the window's label, and no
// origin means the app's own frontend.
struct CallOptions {
  std::string command;
  std::string window;
  std::optional<std::string> webview;
  std::optional<std::string> origin;
  std::string webview_label() const { return webview ? *webview : window; }
  acl::Origin origin_of() const { return origin ? acl::Origin::remote(*origin) : acl::Origin::local(); }
};

void add_call_options(CLI::App& cmd, CallOptions& c) {
  cmd.add_option("command", c.command, "plugin:<plugin>|<command>, or an app command's bare name")->required();
  cmd.add_option("--window", c.window, "Label of the calling window")->required();
  cmd.add_option("--webview", c.webview, "Label of the calling webview (default: the window's label)");
  cmd.add_option("--origin", c.origin, "URL of a remote page making the call (default: the app's own frontend)");
}

boost::json::value merged_scopes(const boost::container::small_vector<const acl::Scopes*, 4>& list) {
  acl::Scopes merged;
  for (const auto* s : list) {
    merged.allow.insert(merged.allow.end(), s->allow.begin(), s->allow.end());
    merged.deny.insert(merged.deny.end(), s->deny.begin(), s->deny.end());
  }
  return acl::to_json(merged);
}

int run_check(const AclOptions& o, const CallOptions& c) {
  Loaded l = load(o);
  acl::Authority authority(l.acl);
  std::string webview = c.webview_label();
  acl::Decision d = authority.check(c.command, c.window, webview, c.origin_of());
  boost::json::object out{{"allowed", d.allowed()},
                          {"reason", acl::reason_text(d, c.command, c.window, webview, c.origin_of())}};
  if (d.allowed()) {
    out["scopes"] = {{"command", merged_scopes(d.command_scopes)}, {"global", merged_scopes(d.global_scopes)}};
  } else {
    out["scopes"] = nullptr;
  }
  print(out);
  return d.allowed() ? 0 : 1;
}

int run_explain(const AclOptions& o, const CallOptions& c, bool json) {
  Loaded l = load(o);
  auto e = acl::explain(*l.manifests, l.acl, c.command, c.window, c.webview_label(), c.origin_of());
  if (json) print(e);
  else std::cout << acl::explain_text(e);
  return e.at("allowed").as_bool() ? 0 : 1;
}

int run_diff(const std::string& before, const std::string& after, const AclOptions& o) {
  AclOptions old_app = o, new_app = o;
  old_app.inputs.app = before;
  new_app.inputs.app = after;
  auto diff = acl::diff_acl(*load(old_app).acl, *load(new_app).acl);
  print(diff);
  return diff.at("gained").as_array().empty() && diff.at("lost").as_array().empty() ? 0 : 1;
}

}  // namespace

void register_acl_commands(CLI::App& root, Action& action) {
  auto* group = root.add_subcommand("acl", "Resolve, check and explain the access control list");
  group->require_subcommand(1);

  auto resolve_opts = std::make_shared<AclOptions>();
  auto* resolve = group->add_subcommand("resolve", "Print the resolved ACL as JSON");
  add_input_options(*resolve, *resolve_opts);
  resolve->callback([resolve_opts, &action] {
    action = [resolve_opts] {
      print(acl::to_json(*load(*resolve_opts).acl));
      return 0;
    };
  });

  auto check_opts = std::make_shared<AclOptions>();
  auto check_call = std::make_shared<CallOptions>();
  auto* check = group->add_subcommand("check", "Decide one call: exit 0 allowed, 1 denied, 2 bad input");
  add_call_options(*check, *check_call);
  add_input_options(*check, *check_opts);
  check->callback([=, &action] { action = [=] { return run_check(*check_opts, *check_call); }; });

  auto explain_opts = std::make_shared<AclOptions>();
  auto explain_call = std::make_shared<CallOptions>();
  auto explain_json = std::make_shared<bool>(false);
  auto* explain = group->add_subcommand("explain", "Say why a call is allowed or denied, and where it would be allowed");
  add_call_options(*explain, *explain_call);
  add_input_options(*explain, *explain_opts);
  explain->add_flag("--json", *explain_json, "Print the explanation as JSON");
  explain->callback([=, &action] { action = [=] { return run_explain(*explain_opts, *explain_call, *explain_json); }; });

  auto diff_opts = std::make_shared<AclOptions>();
  auto diff_paths = std::make_shared<std::vector<std::string>>();
  auto* diff = group->add_subcommand("diff", "Access gained and lost between two app folders (exit 1 when they differ)");
  diff->add_option("apps", *diff_paths, "OLD NEW app folders")->required()->expected(2);
  diff->add_option("--target", diff_opts->target, "Platform to resolve for (default: this one)");
  diff->add_option("--plugins", diff_opts->inputs.plugin_dirs, "A folder of plugin libraries, as for `warden run` (repeatable)")
      ->check(CLI::ExistingDirectory);
  diff->callback([=, &action] {
    action = [=] { return run_diff((*diff_paths)[0], (*diff_paths)[1], *diff_opts); };
  });
}

}  // namespace warden::cli
