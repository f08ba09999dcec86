#include "acl/permission_file.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include "acl/document.hpp"
#include "acl/identifier.hpp"
#include "acl/platforms.hpp"

namespace warden::acl {
namespace {

std::optional<int> line_at(const Document& doc, const std::string& path) { return doc.at(path).line; }

std::string checked_name(const Document& doc, const boost::json::value& v, const std::string& path) {
  std::string id = expect_string(doc, v, path);
  if (auto problem = identifier_problem(id, IdentifierKind::name)) doc.fail(ErrorKind::invalid_identifier, path, *problem);
  return id;
}

std::vector<std::string> checked_references(const Document& doc, const boost::json::value& v,
                                            const std::string& path) {
  auto ids = expect_string_list(doc, v, path);
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (auto problem = identifier_problem(ids[i], IdentifierKind::reference))
      doc.fail(ErrorKind::invalid_identifier, index_path(path, i), *problem);
  return ids;
}

std::vector<std::string> command_names(const Document& doc, const boost::json::value& v,
                                       const std::string& path) {
  auto names = expect_string_list(doc, v, path);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i].empty()) doc.fail(ErrorKind::invalid_value, index_path(path, i), "command names cannot be empty");
  return names;
}

std::vector<boost::json::value> scope_values(const Document& doc, const boost::json::value& v,
                                             const std::string& path) {
  const auto& arr = expect_array(doc, v, path);
  return {arr.begin(), arr.end()};
}

Scopes parse_scopes(const Document& doc, const boost::json::value& v, const std::string& path) {
  const auto& obj = expect_object(doc, v, path);
  reject_unknown_keys(doc, obj, path, {"allow", "deny"});
  Scopes scopes;
  if (auto* a = obj.if_contains("allow")) scopes.allow = scope_values(doc, *a, field_path(path, "allow"));
  if (auto* d = obj.if_contains("deny")) scopes.deny = scope_values(doc, *d, field_path(path, "deny"));
  return scopes;
}

Permission parse_permission(const Document& doc, const boost::json::value& v, const std::string& path) {
  const auto& obj = expect_object(doc, v, path);
  reject_unknown_keys(doc, obj, path, {"identifier", "description", "commands", "scope", "platforms", "version"});
  Permission p;
  const auto* id = obj.if_contains("identifier");
  if (!id) doc.fail(ErrorKind::missing_field, path, "missing field 'identifier'");
  p.identifier = checked_name(doc, *id, field_path(path, "identifier"));
  p.line = line_at(doc, path);
  if (auto* d = obj.if_contains("description")) p.description = expect_string(doc, *d, field_path(path, "description"));
  if (auto* c = obj.if_contains("commands")) {
    std::string cpath = field_path(path, "commands");
    const auto& commands = expect_object(doc, *c, cpath);
    reject_unknown_keys(doc, commands, cpath, {"allow", "deny"});
    if (auto* a = commands.if_contains("allow")) p.commands_allow = command_names(doc, *a, field_path(cpath, "allow"));
    if (auto* d = commands.if_contains("deny")) p.commands_deny = command_names(doc, *d, field_path(cpath, "deny"));
  }
  if (auto* s = obj.if_contains("scope")) p.scope = parse_scopes(doc, *s, field_path(path, "scope"));
  if (auto* pl = obj.if_contains("platforms")) p.platforms = parse_platforms(doc, *pl, field_path(path, "platforms"));
  if (auto* ver = obj.if_contains("version")) {
    if (!ver->is_int64() || ver->get_int64() < 1) doc.fail(ErrorKind::invalid_value, field_path(path, "version"), "expected a positive integer");
    p.version = std::uint64_t(ver->get_int64());
  }
  return p;
}

PermissionSet parse_set(const Document& doc, const boost::json::value& v, const std::string& path) {
  const auto& obj = expect_object(doc, v, path);
  reject_unknown_keys(doc, obj, path, {"identifier", "description", "permissions"});
  PermissionSet set;
  const auto* id = obj.if_contains("identifier");
  if (!id) doc.fail(ErrorKind::missing_field, path, "missing field 'identifier'");
  set.identifier = checked_name(doc, *id, field_path(path, "identifier"));
  set.line = line_at(doc, path);
  if (auto* d = obj.if_contains("description")) set.description = expect_string(doc, *d, field_path(path, "description"));
  const auto* perms = obj.if_contains("permissions");
  if (!perms) doc.fail(ErrorKind::missing_field, path, "missing field 'permissions'");
  set.permissions = checked_references(doc, *perms, field_path(path, "permissions"));
  return set;
}

DefaultSet parse_default(const Document& doc, const boost::json::value& v, const std::string& path) {
  const auto& obj = expect_object(doc, v, path);
  reject_unknown_keys(doc, obj, path, {"description", "permissions"});
  DefaultSet set;
  set.line = line_at(doc, path);
  if (auto* d = obj.if_contains("description")) set.description = expect_string(doc, *d, field_path(path, "description"));
  if (auto* perms = obj.if_contains("permissions"))
    set.permissions = checked_references(doc, *perms, field_path(path, "permissions"));
  return set;
}

template <typename T, typename Parse>
std::vector<T> parse_list(const Document& doc, const boost::json::value& v, const std::string& path, Parse parse) {
  std::vector<T> out;
  const auto& arr = expect_array(doc, v, path);
  for (std::size_t i = 0; i < arr.size(); ++i) out.push_back(parse(doc, arr[i], index_path(path, i)));
  return out;
}

// A permission and a set sharing an identifier would make references ambiguous.
void reject_duplicates(const Document& doc, const PermissionFile& file) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < file.permissions.size(); ++i)
    if (!seen.insert(file.permissions[i].identifier).second)
      doc.fail(ErrorKind::duplicate_identifier, field_path(index_path("permission", i), "identifier"),
               "duplicate identifier '" + file.permissions[i].identifier + "'");
  for (std::size_t i = 0; i < file.sets.size(); ++i)
    if (!seen.insert(file.sets[i].identifier).second)
      doc.fail(ErrorKind::duplicate_identifier, field_path(index_path("set", i), "identifier"),
               "duplicate identifier '" + file.sets[i].identifier + "'");
  if (seen.count("default"))
    doc.fail(ErrorKind::invalid_identifier, "", "'default' is reserved for the [default] set");
}

}  // namespace

PermissionFile parse_permission_document(const Document& doc) {
  const auto& root = expect_object(doc, doc.root, "");
  PermissionFile file;
  file.source = doc.source;
  for (const auto& member : root) {
    std::string key(member.key());
    if (key == "$schema") {
      expect_string(doc, member.value(), key);
    } else if (key == "default") {
      file.default_set = parse_default(doc, member.value(), key);
    } else if (key == "permission") {
      file.permissions = parse_list<Permission>(doc, member.value(), key, parse_permission);
    } else if (key == "set") {
      file.sets = parse_list<PermissionSet>(doc, member.value(), key, parse_set);
    } else {
      // Tauri ignores unknown top-level keys; a TOML [[scope.deny]] written after a
      // [[permission]] lands here and is lost, so say so instead of failing the whole file.
      auto where = doc.at(key);
      file.warnings.push_back(where.file + (where.line ? ":" + std::to_string(*where.line) : "") +
                              ": top-level field '" + key +
                              "' is ignored (did you mean [[permission." + key + "...]]?)");
    }
  }
  reject_duplicates(doc, file);
  return file;
}

PermissionFile parse_permission_file(std::string_view text, FileFormat format, const std::string& source) {
  return parse_permission_document(parse_document(text, format, source));
}

std::optional<FileFormat> format_of(const std::filesystem::path& path) {
  auto ext = path.extension().string();
  if (ext == ".toml") return FileFormat::toml;
  if (ext == ".json") return FileFormat::json;
  return std::nullopt;
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::unreadable, {path.string(), std::nullopt, ""}, "cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

PermissionFile load_permission_file(const std::filesystem::path& path) {
  auto format = format_of(path);
  if (!format) throw Error(ErrorKind::unsupported_file_type, {path.string(), std::nullopt, ""}, "expected a .toml or .json file");
  return parse_permission_file(read_text_file(path), *format, path.string());
}

namespace {

boost::json::value optional_string(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

boost::json::array string_array(const std::vector<std::string>& items) {
  return boost::json::array(items.begin(), items.end());
}

}  // namespace

boost::json::object to_json(const PermissionFile& file) {
  boost::json::object out;
  if (file.default_set) {
    out["default"] = {{"description", optional_string(file.default_set->description)},
                      {"permissions", string_array(file.default_set->permissions)}};
  } else {
    out["default"] = nullptr;
  }
  boost::json::array permissions;
  for (const auto& p : file.permissions) {
    boost::json::object o;
    o["identifier"] = p.identifier;
    o["description"] = optional_string(p.description);
    o["commands"] = {{"allow", string_array(p.commands_allow)}, {"deny", string_array(p.commands_deny)}};
    o["scope"] = {{"allow", boost::json::array(p.scope.allow.begin(), p.scope.allow.end())},
                  {"deny", boost::json::array(p.scope.deny.begin(), p.scope.deny.end())}};
    o["platforms"] = p.platforms ? boost::json::value(string_array(*p.platforms)) : boost::json::value(nullptr);
    permissions.push_back(std::move(o));
  }
  out["permissions"] = std::move(permissions);
  boost::json::array sets;
  for (const auto& s : file.sets)
    sets.push_back(boost::json::object{{"identifier", s.identifier},
                                       {"description", s.description},
                                       {"permissions", string_array(s.permissions)}});
  out["sets"] = std::move(sets);
  return out;
}

}  // namespace warden::acl
