#include "runtime/core_permissions.hpp"

#include <algorithm>

namespace warden::runtime {
namespace {

// Tauri 2.12's core permission table (the tauri crate's build.rs keeps the same list: each
// command with whether the plugin's default set grants it). Default commands come first, in
// the order Tauri's reference lists the default set; then the commands granted only by name.
// Source and checks: tests/data/tauri-api/PROVENANCE.md.
constexpr bool D = true;   // in the plugin's default set
constexpr bool N = false;  // granted only by naming allow-<cmd>

// clang-format off
constexpr CoreCommand app[] = {
    {"version", D}, {"name", D}, {"tauri_version", D}, {"identifier", D}, {"bundle_type", D},
    {"register_listener", D}, {"remove_listener", D}, {"supports_multiple_windows", D},
    {"app_hide", N}, {"app_show", N}, {"default_window_icon", N}, {"exit", N},
    {"fetch_data_store_identifiers", N}, {"remove_data_store", N}, {"set_app_theme", N},
    {"set_dock_visibility", N},
};

constexpr CoreCommand event[] = {
    {"listen", D}, {"unlisten", D}, {"emit", D}, {"emit_to", D},
};

constexpr CoreCommand image[] = {
    {"new", D}, {"from_bytes", D}, {"from_path", D}, {"rgba", D}, {"size", D},
};

constexpr CoreCommand menu[] = {
    {"new", D}, {"append", D}, {"prepend", D}, {"insert", D}, {"remove", D}, {"remove_at", D},
    {"items", D}, {"get", D}, {"popup", D}, {"create_default", D}, {"set_as_app_menu", D},
    {"set_as_window_menu", D}, {"text", D}, {"set_text", D}, {"is_enabled", D},
    {"set_enabled", D}, {"set_accelerator", D}, {"set_as_windows_menu_for_nsapp", D},
    {"set_as_help_menu_for_nsapp", D}, {"is_checked", D}, {"set_checked", D}, {"set_icon", D},
};

constexpr CoreCommand path[] = {
    {"resolve_directory", D}, {"resolve", D}, {"normalize", D}, {"join", D}, {"dirname", D},
    {"extname", D}, {"basename", D}, {"is_absolute", D},
};

constexpr CoreCommand resources[] = {
    {"close", D},
};

constexpr CoreCommand tray[] = {
    {"new", D}, {"get_by_id", D}, {"remove_by_id", D}, {"set_icon", D}, {"set_menu", D},
    {"set_tooltip", D}, {"set_title", D}, {"set_visible", D}, {"set_temp_dir_path", D},
    {"set_icon_as_template", D}, {"set_icon_with_as_template", D},
    {"set_show_menu_on_left_click", D},
};

constexpr CoreCommand webview[] = {
    {"get_all_webviews", D}, {"webview_position", D}, {"webview_size", D},
    {"internal_toggle_devtools", D},
    {"clear_all_browsing_data", N}, {"create_webview", N}, {"create_webview_window", N},
    {"print", N}, {"reparent", N}, {"set_webview_auto_resize", N},
    {"set_webview_background_color", N}, {"set_webview_focus", N}, {"set_webview_position", N},
    {"set_webview_size", N}, {"set_webview_zoom", N}, {"webview_close", N}, {"webview_hide", N},
    {"webview_show", N},
};

constexpr CoreCommand window[] = {
    // The getters, readable by every page that has core:window:default.
    {"get_all_windows", D}, {"scale_factor", D}, {"inner_position", D}, {"outer_position", D},
    {"inner_size", D}, {"outer_size", D}, {"is_fullscreen", D}, {"is_minimized", D},
    {"is_maximized", D}, {"is_focused", D}, {"is_decorated", D}, {"is_resizable", D},
    {"is_maximizable", D}, {"is_minimizable", D}, {"is_closable", D}, {"is_visible", D},
    {"is_enabled", D}, {"title", D}, {"current_monitor", D}, {"primary_monitor", D},
    {"monitor_from_point", D}, {"available_monitors", D}, {"cursor_position", D}, {"theme", D},
    {"is_always_on_top", D}, {"activity_name", D}, {"scene_identifier", D},
    {"internal_toggle_maximize", D},
    // Everything that changes a window.
    {"center", N}, {"close", N}, {"create", N}, {"destroy", N}, {"hide", N}, {"maximize", N},
    {"minimize", N}, {"request_user_attention", N}, {"set_always_on_bottom", N},
    {"set_always_on_top", N}, {"set_background_color", N}, {"set_badge_count", N},
    {"set_badge_label", N}, {"set_closable", N}, {"set_content_protected", N},
    {"set_cursor_grab", N}, {"set_cursor_icon", N}, {"set_cursor_position", N},
    {"set_cursor_visible", N}, {"set_decorations", N}, {"set_effects", N}, {"set_enabled", N},
    {"set_focus", N}, {"set_focusable", N}, {"set_fullscreen", N},
    {"set_fullscreen_on_monitor", N}, {"set_icon", N}, {"set_ignore_cursor_events", N},
    {"set_max_size", N}, {"set_maximizable", N}, {"set_min_size", N}, {"set_minimizable", N},
    {"set_overlay_icon", N}, {"set_position", N}, {"set_progress_bar", N}, {"set_resizable", N},
    {"set_shadow", N}, {"set_simple_fullscreen", N}, {"set_size", N},
    {"set_size_constraints", N}, {"set_skip_taskbar", N}, {"set_theme", N}, {"set_title", N},
    {"set_title_bar_style", N}, {"set_visible_on_all_workspaces", N}, {"show", N},
    {"start_dragging", N}, {"start_resize_dragging", N}, {"toggle_maximize", N},
    {"unmaximize", N}, {"unminimize", N},
};
// clang-format on

constexpr CorePlugin plugins[] = {
    {"core:app", app},       {"core:event", event},     {"core:image", image},
    {"core:menu", menu},     {"core:path", path},       {"core:resources", resources},
    {"core:tray", tray},     {"core:webview", webview}, {"core:window", window},
};

std::string dashed(std::string_view command) {
  std::string s(command);
  std::replace(s.begin(), s.end(), '_', '-');
  return s;
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", \"" : "\"") + items[i] + "\"";
  return out + "]";
}

// Tauri generates these descriptions for every command; apps' generated schemas show them.
std::string command_permissions(std::string_view command) {
  std::string c(command);
  return "\n[[permission]]\nidentifier = \"allow-" + dashed(c) + "\"\ndescription = \"Enables the " + c +
         " command without any pre-configured scope.\"\ncommands.allow = [\"" + c + "\"]\n" +
         "\n[[permission]]\nidentifier = \"deny-" + dashed(c) + "\"\ndescription = \"Denies the " + c +
         " command without any pre-configured scope.\"\ncommands.deny = [\"" + c + "\"]\n";
}

std::string plugin_file(const CorePlugin& plugin) {
  std::vector<std::string> defaults;
  for (const auto& c : plugin.commands)
    if (c.in_default) defaults.push_back("allow-" + dashed(c.name));
  bool all = defaults.size() == plugin.commands.size();
  std::string toml = "[default]\ndescription = \"Default permissions for the plugin" +
                     std::string(all ? ", which enables all commands" : "") + ".\"\npermissions = " +
                     quoted_list(defaults) + "\n";
  for (const auto& c : plugin.commands) toml += command_permissions(c.name);
  return toml;
}

std::string core_default_file() {
  std::vector<std::string> defaults;
  for (const auto& p : plugins) defaults.push_back(std::string(p.name) + ":default");
  return "[default]\ndescription = \"Default core plugins set.\"\npermissions = " + quoted_list(defaults) + "\n";
}

}  // namespace

std::span<const CorePlugin> core_plugins() { return plugins; }

std::vector<CorePermissionFile> core_permission_files() {
  std::vector<CorePermissionFile> files{{"core", core_default_file()}};
  for (const auto& p : plugins) files.push_back({std::string(p.name), plugin_file(p)});
  return files;
}

}  // namespace warden::runtime
