#include "acl/capability.hpp"

#include "acl/document.hpp"
#include "acl/identifier.hpp"
#include "acl/platforms.hpp"
#include "acl/url_pattern.hpp"
#include "acl/window_glob.hpp"

namespace warden::acl {
namespace {

std::vector<std::string> glob_list(const Document& doc, const boost::json::value& v, const std::string& path) {
  auto globs = expect_string_list(doc, v, path);
  for (std::size_t i = 0; i < globs.size(); ++i) {
    try {
      WindowGlob::compile(globs[i]);
    } catch (const std::invalid_argument& e) {
      doc.fail(ErrorKind::invalid_window_pattern, index_path(path, i), e.what());
    }
  }
  return globs;
}

PermissionEntry parse_entry(const Document& doc, const boost::json::value& v, const std::string& path) {
  PermissionEntry entry;
  entry.where = doc.at(path);
  std::string id_path = path;
  if (v.is_object()) {
    const auto& obj = v.get_object();
    ignore_unknown_keys(doc, obj, path, {"identifier", "allow", "deny"});
    const auto* id = obj.if_contains("identifier");
    if (!id) doc.fail(ErrorKind::missing_field, path, "missing field 'identifier'");
    id_path = field_path(path, "identifier");
    entry.identifier = expect_string(doc, *id, id_path);
    if (auto* a = obj.if_contains("allow")) {
      const auto& arr = expect_array(doc, *a, field_path(path, "allow"));
      entry.extra.allow.assign(arr.begin(), arr.end());
    }
    if (auto* d = obj.if_contains("deny")) {
      const auto& arr = expect_array(doc, *d, field_path(path, "deny"));
      entry.extra.deny.assign(arr.begin(), arr.end());
    }
  } else if (v.is_string()) {
    entry.identifier = std::string(v.get_string());
  } else {
    doc.fail(ErrorKind::wrong_type, path, "expected a permission identifier or {identifier, allow, deny}");
  }
  if (auto problem = identifier_problem(entry.identifier, IdentifierKind::reference)) doc.fail(ErrorKind::invalid_identifier, id_path, *problem);
  return entry;
}

std::vector<std::string> remote_urls(const Document& doc, const boost::json::value& v, const std::string& path) {
  const auto& remote = expect_object(doc, v, path);
  reject_unknown_keys(doc, remote, path, {"urls"});
  std::vector<std::string> urls;
  if (auto* u = remote.if_contains("urls")) urls = expect_string_list(doc, *u, field_path(path, "urls"));
  for (std::size_t i = 0; i < urls.size(); ++i)
    UrlPattern::parse(urls[i], doc.at(index_path(field_path(path, "urls"), i)));  // fail early, with a line
  return urls;
}

}  // namespace

Capability parse_capability(const Document& doc, const boost::json::value& v, const std::string& path) {
  const auto& obj = expect_object(doc, v, path);
  ignore_unknown_keys(doc, obj, path,
                      {"$schema", "identifier", "description", "windows", "webviews", "permissions",
                       "platforms", "local", "remote"});
  Capability cap;
  cap.where = doc.at(path);
  const auto* id = obj.if_contains("identifier");
  if (!id) doc.fail(ErrorKind::missing_field, path, "missing field 'identifier'");
  cap.identifier = expect_string(doc, *id, field_path(path, "identifier"));
  if (cap.identifier.empty()) doc.fail(ErrorKind::invalid_identifier, field_path(path, "identifier"), "a capability identifier cannot be empty");
  if (cap.identifier.starts_with(kReservedCapabilityPrefix))
    doc.fail(ErrorKind::invalid_identifier, field_path(path, "identifier"),
             "capability identifiers starting with '" + std::string(kReservedCapabilityPrefix) +
                 "' are reserved for the grants the host makes while the app runs (docs/grants.md)");
  if (auto* d = obj.if_contains("description")) cap.description = expect_string(doc, *d, field_path(path, "description"));
  if (auto* w = obj.if_contains("windows")) cap.windows = glob_list(doc, *w, field_path(path, "windows"));
  if (auto* w = obj.if_contains("webviews")) cap.webviews = glob_list(doc, *w, field_path(path, "webviews"));
  if (auto* p = obj.if_contains("platforms")) cap.platforms = parse_platforms(doc, *p, field_path(path, "platforms"));
  if (auto* l = obj.if_contains("local")) cap.local = expect_bool(doc, *l, field_path(path, "local"));
  if (auto* r = obj.if_contains("remote")) cap.remote_urls = remote_urls(doc, *r, field_path(path, "remote"));
  const auto* perms = obj.if_contains("permissions");
  if (!perms) doc.fail(ErrorKind::missing_field, path, "missing field 'permissions'");
  std::string ppath = field_path(path, "permissions");
  const auto& arr = expect_array(doc, *perms, ppath);
  for (std::size_t i = 0; i < arr.size(); ++i) cap.permissions.push_back(parse_entry(doc, arr[i], index_path(ppath, i)));
  return cap;
}

std::vector<Capability> parse_capability_file(std::string_view text, FileFormat format, const std::string& source) {
  Document doc = parse_document(text, format, source);
  std::vector<Capability> out;
  auto parse_all = [&](const boost::json::value& list, const std::string& path) {
    const auto& arr = expect_array(doc, list, path);
    for (std::size_t i = 0; i < arr.size(); ++i) out.push_back(parse_capability(doc, arr[i], index_path(path, i)));
  };
  if (doc.root.is_array()) {
    parse_all(doc.root, "");
  } else if (doc.root.is_object() && doc.root.get_object().contains("capabilities") &&
             !doc.root.get_object().contains("identifier")) {
    reject_unknown_keys(doc, doc.root.get_object(), "", {"$schema", "capabilities"});
    parse_all(doc.root.get_object().at("capabilities"), "capabilities");
  } else {
    out.push_back(parse_capability(doc, doc.root, ""));
  }
  return out;
}

std::vector<Capability> load_capability_file(const std::filesystem::path& path) {
  auto format = format_of(path);
  if (!format) throw Error(ErrorKind::unsupported_file_type, {path.string(), std::nullopt, ""}, "expected a .toml or .json capability file");
  return parse_capability_file(read_text_file(path), *format, path.string());
}

boost::json::object to_json(const Capability& c) {
  boost::json::array permissions;
  for (const auto& p : c.permissions) {
    if (p.extra.empty()) {
      permissions.push_back(boost::json::value(p.identifier));
    } else {
      permissions.push_back(boost::json::object{
          {"identifier", p.identifier},
          {"allow", boost::json::array(p.extra.allow.begin(), p.extra.allow.end())},
          {"deny", boost::json::array(p.extra.deny.begin(), p.extra.deny.end())}});
    }
  }
  boost::json::object out{
      {"identifier", c.identifier},
      {"description", c.description},
      {"windows", boost::json::array(c.windows.begin(), c.windows.end())},
      {"webviews", boost::json::array(c.webviews.begin(), c.webviews.end())},
      {"permissions", std::move(permissions)},
      {"local", c.local},
      {"remote", {{"urls", boost::json::array(c.remote_urls.begin(), c.remote_urls.end())}}},
  };
  out["platforms"] = c.platforms ? boost::json::value(boost::json::array(c.platforms->begin(), c.platforms->end()))
                                 : boost::json::value(nullptr);
  out["source"] = c.where.file;
  return out;
}

}  // namespace warden::acl
