#include "redirect_rules.hpp"

namespace warden::http_plugin {

bool is_redirect_status(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

RedirectedRequest redirected_request(std::string_view method, long status) {
  if ((status == 303 && method != "HEAD") || ((status == 301 || status == 302) && method == "POST"))
    return {"GET", false};
  return {std::string(method), true};
}

void headers_for_redirect(HeaderList& headers, bool body_dropped, bool cross_origin) {
  if (body_dropped)
    for (std::string_view name : {"content-type", "content-encoding", "content-language", "content-location"})
      remove_header(headers, name);
  if (cross_origin)
    for (std::string_view name : {"authorization", "cookie", "proxy-authorization"}) remove_header(headers, name);
}

}  // namespace warden::http_plugin
