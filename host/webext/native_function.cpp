#include "webext/native_function.hpp"

#include <cstring>
#include <string>

#include <webkit2/webkit-web-extension.h>

#include "ipc/native_message.hpp"
#include "webext/frame_calls.hpp"

namespace warden::webext {
namespace {

// What a function knows about its frame. Weak references: the function may outlive the frame
// (a page keeps it), and then it throws.
struct Binding {
  GWeakRef page;
  GWeakRef frame;
  uint64_t frame_id = 0;
  uint64_t generation = 0;
  WebKitScriptWorld* origin_world = nullptr;
  FrameCalls* calls = nullptr;
};

void free_binding(gpointer data) {
  auto* b = static_cast<Binding*>(data);
  g_weak_ref_clear(&b->page);
  g_weak_ref_clear(&b->frame);
  delete b;
}

// A call waiting for the host's reply.
struct Pending {
  JSCValue* callback;  // referenced (which also keeps its context alive)
  uint64_t frame_id;
  FrameCalls* calls;
};

JSCValue* string_value(JSCContext* context, const char* data, size_t size) {
  GBytes* bytes = g_bytes_new(data, size);
  JSCValue* value = jsc_value_new_string_from_bytes(context, bytes);
  g_bytes_unref(bytes);
  return value;
}

// An ArrayBuffer in JavaScriptCore's own heap: one backed by our memory would make JSC give up its
// primitive gigacage, which it refuses (a fatal error in the web process, seen in the probe).
JSCValue* bytes_value(JSCContext* context, const void* data, size_t size) {
  JSCValue* array = jsc_value_new_typed_array(context, JSC_TYPED_ARRAY_UINT8, size);
  gsize length = 0;
  if (size > 0) std::memcpy(jsc_value_typed_array_get_data(array, &length), data, size);
  JSCValue* buffer = jsc_value_typed_array_get_buffer(array);
  g_object_unref(array);
  return buffer;
}

void call_back(JSCValue* callback, guint status, const char* content_type, JSCValue* value) {
  JSCContext* context = jsc_value_get_context(callback);
  JSCValue* result = jsc_value_function_call(callback, G_TYPE_UINT, status, G_TYPE_STRING, content_type,
                                             JSC_TYPE_VALUE, value, G_TYPE_NONE);
  if (result) g_object_unref(result);
  // An exception of the page's callback is the page's; it must not stay pending in the context.
  jsc_context_clear_exception(context);
}

void answer_error(JSCValue* callback, guint status, const char* json_message) {
  JSCValue* value = string_value(jsc_value_get_context(callback), json_message, std::strlen(json_message));
  call_back(callback, status, "application/json", value);
  g_object_unref(value);
}

void on_reply(GObject* source, GAsyncResult* result, gpointer data) {
  auto* pending = static_cast<Pending*>(data);
  pending->calls->settle(pending->frame_id);
  GError* error = nullptr;
  WebKitUserMessage* reply = webkit_web_page_send_message_to_view_finish(WEBKIT_WEB_PAGE(source), result, &error);
  GVariant* params = reply ? webkit_user_message_get_parameters(reply) : nullptr;
  if (!params || !g_variant_is_of_type(params, G_VARIANT_TYPE(ipc::kReplyParameters))) {
    // The page closed, or the host did not answer: the bridge rejects with a transport failure.
    g_warning("warden-webext: no reply from the host: %s", error ? error->message : "malformed reply");
    answer_error(pending->callback, 0, "\"IPC transport failed: no reply from the host\"");
  } else {
    guint status = 0;
    const char* content_type = nullptr;
    GVariant* body = nullptr;
    g_variant_get(params, "(u&s@ay)", &status, &content_type, &body);
    gsize size = 0;
    const void* bytes = g_variant_get_fixed_array(body, &size, 1);
    JSCContext* context = jsc_value_get_context(pending->callback);
    JSCValue* value = std::strncmp(content_type, "application/octet-stream", 24) == 0
                          ? bytes_value(context, bytes, size)
                          : string_value(context, static_cast<const char*>(bytes), size);
    call_back(pending->callback, status, content_type, value);
    g_object_unref(value);
    g_variant_unref(body);
  }
  g_clear_error(&error);
  if (reply) g_object_unref(reply);
  g_object_unref(pending->callback);
  delete pending;
}

// The calling frame's origin, read in the extension's own world: a page can redefine `origin` in
// its own world only. "" when it cannot be read (the host refuses a call without an origin).
std::string frame_origin(WebKitFrame* frame, WebKitScriptWorld* world) {
  JSCContext* context = webkit_frame_get_js_context_for_script_world(frame, world);
  JSCValue* value = jsc_context_evaluate(context, "self.origin", -1);
  std::string origin;
  if (value && jsc_value_is_string(value)) {
    char* text = jsc_value_to_string(value);
    origin = text;
    g_free(text);
  }
  if (value) g_object_unref(value);
  jsc_context_clear_exception(context);
  g_object_unref(context);
  return origin;
}

// The body's bytes as a GVariant "ay": a string as its UTF-8 text (moved in, no second copy), bytes
// copied once. nullptr when the body is neither.
GVariant* body_variant(JSCValue* body) {
  if (jsc_value_is_string(body)) {
    char* text = jsc_value_to_string(body);
    return g_variant_new_from_data(G_VARIANT_TYPE_BYTESTRING, text, std::strlen(text), TRUE, g_free, text);
  }
  gsize size = 0;
  const void* data = nullptr;
  if (jsc_value_is_typed_array(body)) {
    gsize length = 0;
    data = jsc_value_typed_array_get_data(body, &length);
    size = jsc_value_typed_array_get_size(body);
  } else if (jsc_value_is_array_buffer(body)) {
    data = jsc_value_array_buffer_get_data(body, &size);
  } else {
    return nullptr;
  }
  return g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, size ? data : "", size, 1);
}

// Caller headers from null/undefined or a flat array of strings [name, value, ...]; nullptr when
// malformed. The host checks names and values (ipc/invoke_request.hpp).
GVariant* headers_variant(JSCValue* headers) {
  GVariantBuilder builder;
  g_variant_builder_init(&builder, G_VARIANT_TYPE("a(ss)"));
  if (jsc_value_is_null(headers) || jsc_value_is_undefined(headers)) return g_variant_builder_end(&builder);
  if (!jsc_value_is_array(headers)) {
    g_variant_builder_clear(&builder);
    return nullptr;
  }
  JSCValue* length_value = jsc_value_object_get_property(headers, "length");
  int32_t length = jsc_value_to_int32(length_value);
  g_object_unref(length_value);
  if (length < 0 || length % 2 != 0 || length > 64) {
    g_variant_builder_clear(&builder);
    return nullptr;
  }
  for (int32_t i = 0; i < length; i += 2) {
    JSCValue* name = jsc_value_object_get_property_at_index(headers, i);
    JSCValue* value = jsc_value_object_get_property_at_index(headers, i + 1);
    bool strings = jsc_value_is_string(name) && jsc_value_is_string(value);
    if (strings) {
      char* n = jsc_value_to_string(name);
      char* v = jsc_value_to_string(value);
      g_variant_builder_add(&builder, "(ss)", n, v);
      g_free(n);
      g_free(v);
    }
    g_object_unref(name);
    g_object_unref(value);
    if (!strings) {
      g_variant_builder_clear(&builder);
      return nullptr;
    }
  }
  return g_variant_builder_end(&builder);
}

void native_call(GPtrArray* args, gpointer data) {
  auto* b = static_cast<Binding*>(data);
  JSCContext* current = jsc_context_get_current();
  if (args->len != 5) return jsc_context_throw(current, "warden ipc: expected 5 arguments");
  auto* command = static_cast<JSCValue*>(g_ptr_array_index(args, 0));
  auto* content_type = static_cast<JSCValue*>(g_ptr_array_index(args, 1));
  auto* callback = static_cast<JSCValue*>(g_ptr_array_index(args, 4));
  if (!jsc_value_is_string(command) || !jsc_value_is_string(content_type) || !jsc_value_is_function(callback))
    return jsc_context_throw(current, "warden ipc: expected (command, contentType, body, headers, callback)");
  if (!b->calls->current(b->frame_id, b->generation))
    return jsc_context_throw(current, "warden ipc: this function belongs to a document its frame no longer shows");
  WebKitWebPage* page = static_cast<WebKitWebPage*>(g_weak_ref_get(&b->page));
  WebKitFrame* frame = static_cast<WebKitFrame*>(g_weak_ref_get(&b->frame));
  if (!page || !frame) {
    if (page) g_object_unref(page);
    if (frame) g_object_unref(frame);
    return jsc_context_throw(current, "warden ipc: the frame is gone");
  }
  GVariant* body = body_variant(static_cast<JSCValue*>(g_ptr_array_index(args, 2)));
  GVariant* headers = headers_variant(static_cast<JSCValue*>(g_ptr_array_index(args, 3)));
  uint64_t refused = 0;
  if (!body || !headers) {
    if (body) g_variant_unref(g_variant_ref_sink(body));
    if (headers) g_variant_unref(g_variant_ref_sink(headers));
    jsc_context_throw(current, "warden ipc: the body must be a string or bytes, the headers an array of strings");
  } else if (!b->calls->admit(b->frame_id, refused)) {
    g_variant_unref(g_variant_ref_sink(body));
    g_variant_unref(g_variant_ref_sink(headers));
    answer_error(callback, 429, "\"too many calls in flight\"");
  } else {
    char* cmd = jsc_value_to_string(command);
    char* type = jsc_value_to_string(content_type);
    std::string origin = frame_origin(frame, b->origin_world);
    // kCallParameters, with the two built children taken as they are ("@").
    GVariant* params = g_variant_new("(ss@a(ss)@ayst)", cmd, type, headers, body, origin.c_str(),
                                     static_cast<guint64>(refused));
    g_free(cmd);
    g_free(type);
    webkit_web_page_send_message_to_view(page, webkit_user_message_new(ipc::kCallMessage, params), nullptr,
                                         on_reply, new Pending{JSC_VALUE(g_object_ref(callback)), b->frame_id, b->calls});
  }
  g_object_unref(page);
  g_object_unref(frame);
}

}  // namespace

void define_native_function(WebKitScriptWorld* page_world, WebKitScriptWorld* origin_world, WebKitWebPage* page,
                            WebKitFrame* frame, FrameCalls& calls) {
  auto* binding = new Binding;
  g_weak_ref_init(&binding->page, page);
  g_weak_ref_init(&binding->frame, frame);
  binding->frame_id = webkit_frame_get_id(frame);
  binding->generation = calls.new_window(binding->frame_id);
  binding->origin_world = origin_world;
  binding->calls = &calls;
  JSCContext* context = webkit_frame_get_js_context_for_script_world(frame, page_world);
  JSCValue* function = jsc_value_new_function_variadic(context, ipc::kNativeFunctionName, G_CALLBACK(native_call),
                                                       binding, free_binding, G_TYPE_NONE);
  jsc_context_set_value(context, ipc::kNativeFunctionName, function);
  g_object_unref(function);
  g_object_unref(context);
}

}  // namespace warden::webext
