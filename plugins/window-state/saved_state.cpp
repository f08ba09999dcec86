#include "saved_state.hpp"

#include <limits>
#include <stdexcept>

#include <boost/json.hpp>

namespace warden::window_state_plugin {
namespace json = boost::json;

uint32_t state_flags(uint64_t bits) {
  if (bits & ~uint64_t{kAllFlags})
    throw std::invalid_argument("Invalid state flags bits: " + std::to_string(bits) +
                                " (expected a combination of StateFlags, at most " + std::to_string(kAllFlags) + ")");
  return static_cast<uint32_t>(bits);
}

namespace {

[[noreturn]] void bad(const std::string& label, const char* member, const char* expected) {
  throw std::invalid_argument("window '" + label + "': '" + member + "' must be " + expected);
}

int64_t whole(const json::object& o, const std::string& label, const char* member, int64_t min, int64_t max) {
  const json::value* v = o.if_contains(member);
  const char* expected = min < 0 ? "a whole number in the i32 range" : "a whole number in the u32 range";
  if (!v) bad(label, member, expected);
  int64_t n = 0;
  if (v->is_int64()) n = v->get_int64();
  else if (v->is_uint64() && v->get_uint64() <= uint64_t(max)) n = int64_t(v->get_uint64());
  else bad(label, member, expected);
  if (n < min || n > max) bad(label, member, expected);
  return n;
}

bool boolean(const json::object& o, const std::string& label, const char* member) {
  const json::value* v = o.if_contains(member);
  if (!v || !v->is_bool()) bad(label, member, "true or false");
  return v->get_bool();
}

SavedState state_of(const json::value& v, const std::string& label) {
  if (!v.is_object()) throw std::invalid_argument("window '" + label + "': its state must be an object");
  const json::object& o = v.get_object();
  constexpr int64_t i32_min = std::numeric_limits<int32_t>::min(), i32_max = std::numeric_limits<int32_t>::max();
  constexpr int64_t u32_max = std::numeric_limits<uint32_t>::max();
  SavedState s;
  s.width = uint32_t(whole(o, label, "width", 0, u32_max));
  s.height = uint32_t(whole(o, label, "height", 0, u32_max));
  s.x = int32_t(whole(o, label, "x", i32_min, i32_max));
  s.y = int32_t(whole(o, label, "y", i32_min, i32_max));
  s.prev_x = int32_t(whole(o, label, "prev_x", i32_min, i32_max));
  s.prev_y = int32_t(whole(o, label, "prev_y", i32_min, i32_max));
  s.maximized = boolean(o, label, "maximized");
  s.visible = boolean(o, label, "visible");
  s.decorated = boolean(o, label, "decorated");
  s.fullscreen = boolean(o, label, "fullscreen");
  return s;
}

const char* text(bool b) { return b ? "true" : "false"; }

}  // namespace

std::string to_file_json(const SavedStates& states) {
  if (states.empty()) return "{}";
  std::string out = "{";
  bool first = true;
  for (const auto& [label, s] : states) {
    out += first ? "\n" : ",\n";
    first = false;
    out += "  " + json::serialize(json::string_view(label)) + ": {\n";
    out += "    \"width\": " + std::to_string(s.width) + ",\n";
    out += "    \"height\": " + std::to_string(s.height) + ",\n";
    out += "    \"x\": " + std::to_string(s.x) + ",\n";
    out += "    \"y\": " + std::to_string(s.y) + ",\n";
    out += "    \"prev_x\": " + std::to_string(s.prev_x) + ",\n";
    out += "    \"prev_y\": " + std::to_string(s.prev_y) + ",\n";
    out += std::string("    \"maximized\": ") + text(s.maximized) + ",\n";
    out += std::string("    \"visible\": ") + text(s.visible) + ",\n";
    out += std::string("    \"decorated\": ") + text(s.decorated) + ",\n";
    out += std::string("    \"fullscreen\": ") + text(s.fullscreen) + "\n  }";
  }
  return out + "\n}";
}

SavedStates from_file_json(const json::value& file) {
  if (!file.is_object()) throw std::invalid_argument("the file must hold an object of window states by label");
  SavedStates states;
  for (const auto& [label, v] : file.get_object()) states[std::string(label)] = state_of(v, std::string(label));
  return states;
}

}  // namespace warden::window_state_plugin
