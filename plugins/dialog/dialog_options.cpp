#include "dialog_options.hpp"

#include <algorithm>

#include <boost/json/object.hpp>

#include "warden/ascii.hpp"

namespace warden::dialog_plugin {
namespace json = boost::json;
namespace {

[[noreturn]] void bad(const std::string& what) { throw BadDialogArguments(what); }

std::string bounded_string(const json::value& v, const std::string& name, std::size_t limit) {
  if (!v.is_string()) bad(name + " must be a string");
  const json::string& s = v.get_string();
  if (s.size() > limit)
    bad(name + " is " + std::to_string(s.size()) + " bytes long, more than the " + std::to_string(limit) + " a dialog shows");
  // GTK takes C strings: a NUL would cut the text the user reads short of what the page sent.
  if (std::find(s.begin(), s.end(), '\0') != s.end()) bad(name + " must not contain a NUL character");
  return std::string(s);
}

// A member that may be absent or null (what `undefined` and `null` become).
const json::value* present(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

std::optional<std::string> optional_string(const json::object& o, std::string_view key, std::size_t limit) {
  const json::value* v = present(o, key);
  if (!v) return std::nullopt;
  return bounded_string(*v, std::string(key), limit);
}

bool flag(const json::object& o, std::string_view key) {
  const json::value* v = present(o, key);
  if (!v) return false;
  if (!v->is_bool()) bad(std::string(key) + " must be true or false");
  return v->get_bool();
}

std::string extension(const json::value& v, const std::string& where) {
  std::string ext = bounded_string(v, where, DialogLimits::extension);
  if (ext.empty()) bad(where + " must not be empty");
  // It becomes the GTK pattern "*.<ext>": a slash could never match a file name and says the page
  // meant something else.
  if (ext.find('/') != std::string::npos) bad(where + " must not contain '/'");
  return ext;
}

std::vector<FileFilter> filters(const json::object& o) {
  std::vector<FileFilter> out;
  const json::value* v = present(o, "filters");
  if (!v) return out;
  if (!v->is_array()) bad("filters must be an array of {name, extensions}");
  const json::array& list = v->get_array();
  if (list.size() > DialogLimits::filters)
    bad("filters has " + std::to_string(list.size()) + " entries, more than " + std::to_string(DialogLimits::filters));
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string where = "filters[" + std::to_string(i) + "]";
    if (!list[i].is_object()) bad(where + " must be an object {name, extensions}");
    const json::object& f = list[i].get_object();
    FileFilter filter;
    const json::value* name = f.if_contains("name");
    if (!name) bad(where + ".name is missing");
    filter.name = bounded_string(*name, where + ".name", DialogLimits::label);
    const json::value* exts = f.if_contains("extensions");
    if (!exts || !exts->is_array()) bad(where + ".extensions must be an array of strings");
    const json::array& e = exts->get_array();
    if (e.size() > DialogLimits::extensions)
      bad(where + ".extensions has " + std::to_string(e.size()) + " entries, more than " +
          std::to_string(DialogLimits::extensions));
    for (std::size_t j = 0; j < e.size(); ++j)
      filter.extensions.push_back(extension(e[j], where + ".extensions[" + std::to_string(j) + "]"));
    out.push_back(std::move(filter));
  }
  return out;
}

const json::object& options_object(const json::value& args) {
  if (!args.is_object()) bad("the arguments must be an object {options}");
  const json::value* options = args.get_object().if_contains("options");
  if (!options || !options->is_object()) bad("options must be an object");
  return options->get_object();
}

FileDialogOptions file_options(const json::object& o, bool save) {
  FileDialogOptions out;
  out.save = save;
  out.title = optional_string(o, "title", DialogLimits::title);
  out.filters = filters(o);
  out.default_path = optional_string(o, "defaultPath", DialogLimits::path);
  if (const json::value* v = present(o, "canCreateDirectories")) {
    if (!v->is_bool()) bad("canCreateDirectories must be true or false");
    out.can_create_directories = v->get_bool();
  }
  if (!save) {
    out.multiple = flag(o, "multiple");
    out.directory = flag(o, "directory");
    out.recursive = flag(o, "recursive");
  }
  return out;
}

// ASCII only: the user's locale (GTK sets it) read "WARNING" as "warn\xfdng" in Turkish.
std::string lowercase(std::string s) { return warden::ascii_lower(s); }

// Tauri reads the kind without regard to case and shows an unknown one as info.
MessageKind kind(const json::object& o) {
  const json::value* v = present(o, "kind");
  if (!v) return MessageKind::info;
  if (!v->is_string()) bad("kind must be a string (info, warning or error)");
  std::string k = lowercase(std::string(v->get_string()));
  if (k == "warning") return MessageKind::warning;
  if (k == "error") return MessageKind::error;
  return MessageKind::info;
}

MessageButton preset(const char* label, const char* answer) { return {label, true, answer}; }
MessageButton custom(const json::value& v, const std::string& where) {
  std::string label = bounded_string(v, where, DialogLimits::label);
  if (label.empty()) bad(where + " must not be empty");
  return {label, false, label};
}

// The buttons, negative first and the affirmative one last (GTK's order), and the answer of a
// dialog closed without one: the cancelling button's (No when there is no Cancel), or, for a
// dialog with one button, that button's (closing it is the only way to acknowledge it).
void buttons(const json::object& o, MessageOptions& out) {
  const json::value* v = present(o, "buttons");
  if (!v || (v->is_string() && v->get_string() == "Ok")) {
    out.buttons = {preset("_OK", "Ok")};
  } else if (v->is_string() && v->get_string() == "OkCancel") {
    out.buttons = {preset("_Cancel", "Cancel"), preset("_OK", "Ok")};
  } else if (v->is_string() && v->get_string() == "YesNo") {
    out.buttons = {preset("_No", "No"), preset("_Yes", "Yes")};
  } else if (v->is_string() && v->get_string() == "YesNoCancel") {
    out.buttons = {preset("_Cancel", "Cancel"), preset("_No", "No"), preset("_Yes", "Yes")};
  } else if (v->is_object() && v->get_object().size() == 1) {
    const auto& [key, value] = *v->get_object().begin();
    auto labels = [&](std::size_t n) -> const json::array& {
      if (!value.is_array() || value.get_array().size() != n)
        bad("buttons." + std::string(key) + " must be an array of " + std::to_string(n) + " labels");
      return value.get_array();
    };
    if (key == "OkCustom") {
      out.buttons = {custom(value, "buttons.OkCustom")};
    } else if (key == "OkCancelCustom") {
      const json::array& l = labels(2);
      out.buttons = {custom(l[1], "buttons.OkCancelCustom[1]"), custom(l[0], "buttons.OkCancelCustom[0]")};
    } else if (key == "YesNoCancelCustom") {
      const json::array& l = labels(3);
      out.buttons = {custom(l[2], "buttons.YesNoCancelCustom[2]"), custom(l[1], "buttons.YesNoCancelCustom[1]"),
                     custom(l[0], "buttons.YesNoCancelCustom[0]")};
    } else {
      bad("buttons." + std::string(key) + " is not a kind of buttons (OkCustom, OkCancelCustom, YesNoCancelCustom)");
    }
  } else {
    bad("buttons must be Ok, OkCancel, YesNo, YesNoCancel or {OkCustom | OkCancelCustom | YesNoCancelCustom}");
  }
  out.dismissed_answer = out.buttons.front().answer;
}

}  // namespace

FileDialogOptions open_options(const json::value& args) { return file_options(options_object(args), false); }

FileDialogOptions save_options(const json::value& args) { return file_options(options_object(args), true); }

MessageOptions message_options(const json::value& args) {
  if (!args.is_object()) bad("the arguments must be an object {message, title, kind, buttons}");
  const json::object& o = args.get_object();
  MessageOptions out;
  const json::value* message = o.if_contains("message");
  if (!message) bad("message is missing");
  out.message = bounded_string(*message, "message", DialogLimits::message);
  out.title = optional_string(o, "title", DialogLimits::title);
  out.kind = kind(o);
  buttons(o, out);
  return out;
}

}  // namespace warden::dialog_plugin
