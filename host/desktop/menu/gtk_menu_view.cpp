#include "desktop/menu/gtk_menu_view.hpp"

#include <gtk/gtk.h>
#include <spdlog/spdlog.h>

#include <vector>

#include "desktop/menu/accelerator.hpp"
#include "desktop/menu/predefined_item.hpp"

namespace warden::desktop::menu {

std::string gtk_mnemonic_text(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 4);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '&' && i + 1 < text.size() && text[i + 1] == '&') {
      out += '&';
      ++i;
    } else if (c == '&') {
      out += '_';
    } else if (c == '_') {
      out += "__";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

constexpr int kIconSize = 16;

}  // namespace

// What one view shares among its shells: where items act, how many widgets it made, and whether
// its root shell was destroyed (its window closed: the widgets went with it).
struct ViewState {
  ViewPlace place;
  size_t shown = 0;
  bool warned = false;
  bool destroyed = false;
};

// One item's widget in a shell, following the item.
struct Entry {
  std::shared_ptr<MenuItem> item;
  ViewState* state = nullptr;
  GtkWidget* widget = nullptr;  // the GtkMenuItem (a GtkCheckMenuItem for check items)
  GtkWidget* label = nullptr;   // its GtkAccelLabel (null for a separator)
  GtkWidget* image = nullptr;   // its GtkImage (icon items and submenus)
  gulong activate_handler = 0;
  std::optional<Accelerator> registered;  // in the window's accel group
  MenuItem::Subscription subscription;
  std::unique_ptr<GtkMenuView::Shell> submenu;
};

struct GtkMenuView::Shell {
  std::shared_ptr<MenuItem> container;
  GtkWidget* shell;
  ViewState* state;
  std::vector<std::unique_ptr<Entry>> entries;
  MenuItem::Subscription subscription;

  Shell(std::shared_ptr<MenuItem> c, GtkWidget* s, ViewState* st) : container(std::move(c)), shell(s), state(st) {
    subscription = container->observe([this](MenuItem&, Change what) {
      if (what == Change::children) rebuild();
    });
    rebuild();
  }
  ~Shell() { clear(); }

  void clear() {
    for (auto& e : entries) {
      e->subscription.reset();
      e->submenu.reset();
      if (e->widget) {
        g_signal_handlers_disconnect_by_data(e->widget, e.get());
        if (!state->destroyed) {
          unregister_accelerator(*e);
          gtk_widget_destroy(e->widget);
        }
        g_object_unref(e->widget);
      }
      if (state->shown) --state->shown;
    }
    entries.clear();
  }

  void rebuild() {
    clear();
    if (state->destroyed) return;  // the window closed: nothing to show any more
    for (const auto& child : container->children()) {
      if (child->predefined() && !shown_on_linux(*child->predefined())) continue;
      if (state->shown >= kMaxShownItems) {
        if (!state->warned) spdlog::warn("menu: more than {} items to show; the rest is left out", kMaxShownItems);
        state->warned = true;
        break;
      }
      ++state->shown;
      entries.push_back(make_entry(child));
      gtk_menu_shell_append(GTK_MENU_SHELL(shell), entries.back()->widget);
    }
    gtk_widget_show_all(shell);
  }

  std::unique_ptr<Entry> make_entry(const std::shared_ptr<MenuItem>& item) {
    auto e = std::make_unique<Entry>();
    e->item = item;
    e->state = state;
    bool separator = item->predefined() == Predefined::separator;
    if (separator) {
      e->widget = gtk_separator_menu_item_new();
    } else {
      e->widget = item->kind() == ItemKind::check ? gtk_check_menu_item_new() : gtk_menu_item_new();
      GtkWidget* box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
      if (item->kind() == ItemKind::icon || item->kind() == ItemKind::submenu) {
        e->image = gtk_image_new();
        gtk_box_pack_start(GTK_BOX(box), e->image, FALSE, FALSE, 0);
      }
      e->label = gtk_accel_label_new("");
      gtk_label_set_use_underline(GTK_LABEL(e->label), TRUE);
      gtk_label_set_xalign(GTK_LABEL(e->label), 0.0f);
      gtk_accel_label_set_accel_widget(GTK_ACCEL_LABEL(e->label), e->widget);
      gtk_box_pack_start(GTK_BOX(box), e->label, TRUE, TRUE, 0);
      gtk_container_add(GTK_CONTAINER(e->widget), box);
    }
    g_object_ref_sink(e->widget);  // the entry's own reference: the widget outlives a shell rebuild in progress
    Entry* raw = e.get();
    if (item->is_container()) {
      GtkWidget* menu = gtk_menu_new();
      if (state->place.accel_group) gtk_menu_set_accel_group(GTK_MENU(menu), state->place.accel_group);
      gtk_menu_item_set_submenu(GTK_MENU_ITEM(e->widget), menu);
      e->submenu = std::make_unique<Shell>(item, menu, state);
    } else if (!separator) {
      e->activate_handler = g_signal_connect(e->widget, "activate", G_CALLBACK(on_activate), raw);
    }
    e->subscription = item->observe([this, raw](MenuItem&, Change what) { update(*raw, what); });
    for (Change c : {Change::text, Change::enabled, Change::checked, Change::accelerator, Change::icon}) update(*raw, c);
    return e;
  }

  static void on_activate(GtkWidget*, gpointer data) {
    auto* e = static_cast<Entry*>(data);
    // Held here: the entry may go while the item's action runs.
    auto item = e->item;
    if (!item->enabled()) return;
    if (item->predefined()) {
      ViewPlace place = e->state->place;
      return perform_predefined(*item, *place.context, place.window);
    }
    item->activate();
  }

  void update(Entry& e, Change what) {
    if (state->destroyed) return;
    const MenuItem& item = *e.item;
    switch (what) {
      case Change::text:
        if (e.label) {
          std::string text = item.text();
          if (text.empty() && item.predefined()) text = std::string(predefined_text(*item.predefined()));
          gtk_label_set_text_with_mnemonic(GTK_LABEL(e.label), gtk_mnemonic_text(text).c_str());
        }
        break;
      case Change::enabled:
        gtk_widget_set_sensitive(e.widget, item.enabled());
        break;
      case Change::checked:
        if (GTK_IS_CHECK_MENU_ITEM(e.widget)) {
          // Setting the state emits "activate": the item must not think the user picked it.
          if (e.activate_handler) g_signal_handler_block(e.widget, e.activate_handler);
          gtk_check_menu_item_set_active(GTK_CHECK_MENU_ITEM(e.widget), item.checked());
          if (e.activate_handler) g_signal_handler_unblock(e.widget, e.activate_handler);
        }
        break;
      case Change::accelerator:
        show_accelerator(e);
        break;
      case Change::icon:
        if (e.image) {
          GdkPixbuf* scaled = item.icon() ? gdk_pixbuf_scale_simple(item.icon(), kIconSize, kIconSize, GDK_INTERP_BILINEAR)
                                          : nullptr;
          gtk_image_set_from_pixbuf(GTK_IMAGE(e.image), scaled);
          gtk_widget_set_visible(e.image, scaled != nullptr);
          if (scaled) g_object_unref(scaled);
        }
        break;
      case Change::children:
        break;  // the item's own Shell follows its children
    }
  }

  void unregister_accelerator(Entry& e) {
    if (e.registered && state->place.accel_group)
      gtk_widget_remove_accelerator(e.widget, state->place.accel_group, e.registered->key,
                                    static_cast<GdkModifierType>(e.registered->modifiers));
    e.registered.reset();
  }

  void show_accelerator(Entry& e) {
    if (!e.label) return;
    unregister_accelerator(e);
    std::optional<Accelerator> shown;
    if (e.item->predefined()) {
      shown = predefined_shortcut(*e.item->predefined());
    } else if (e.item->accelerator()) {
      std::string error;
      shown = parse_accelerator(*e.item->accelerator(), error);
      if (!shown) spdlog::warn("menu: item '{}': {}", e.item->id(), error);
      // A window menu's accelerators are keys of its window; the edit items' are WebKit's own.
      if (shown && state->place.accel_group && !e.item->is_container()) {
        gtk_widget_add_accelerator(e.widget, "activate", state->place.accel_group, shown->key,
                                   static_cast<GdkModifierType>(shown->modifiers), GTK_ACCEL_VISIBLE);
        e.registered = shown;
      }
    }
    gtk_accel_label_set_accel(GTK_ACCEL_LABEL(e.label), shown ? shown->key : 0,
                              static_cast<GdkModifierType>(shown ? shown->modifiers : 0));
  }
};

GtkMenuView::GtkMenuView(std::shared_ptr<MenuItem> menu, GtkWidget* shell, ViewPlace place)
    : menu_(std::move(menu)), state_(std::make_unique<ViewState>(ViewState{std::move(place)})), shell_(shell) {
  // Held until the view goes: its widgets are touched only while the shell is alive.
  g_object_ref(shell_);
  destroy_handler_ = g_signal_connect_swapped(shell_, "destroy", G_CALLBACK(+[](ViewState* s) { s->destroyed = true; }),
                                              state_.get());
  root_ = std::make_unique<Shell>(menu_, shell_, state_.get());
}

GtkMenuView::~GtkMenuView() {
  root_.reset();
  if (!state_->destroyed) g_signal_handler_disconnect(shell_, destroy_handler_);
  g_object_unref(shell_);
}

}  // namespace warden::desktop::menu
