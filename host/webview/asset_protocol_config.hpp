#pragma once
// app.security.assetProtocol of warden.conf.json, as Tauri has it:
//   "assetProtocol": {"enable": true, "scope": ["$PICTURE/**"]}
// or a scope object {"allow": [...], "deny": [...], "requireLiteralLeadingDot": bool}.
// Absent or enable=false: the asset scheme is not served at all.
#include <optional>
#include <string>

#include <boost/json/value.hpp>

namespace warden::webview {

struct AssetProtocolConfig {
  bool enabled = false;
  boost::json::value scope;  // {"allow": [...], "deny": [...]}: path patterns, deny wins
  bool require_literal_leading_dot = true;
};

// Reads it from the config file's text; throws std::invalid_argument naming `file` and the
// field when it is malformed (a scope that is not a list of strings, ...).
AssetProtocolConfig parse_asset_protocol_config(const std::string& config_text, const std::string& file);

}  // namespace warden::webview
