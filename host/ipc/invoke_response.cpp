#include "ipc/invoke_response.hpp"

#include <boost/json.hpp>

namespace warden::ipc {

InvokeResponse InvokeResponse::json(std::string_view json) {
  return {200, "application/json", std::vector<uint8_t>(json.begin(), json.end())};
}

InvokeResponse InvokeResponse::bytes(std::vector<uint8_t> data) {
  return {200, "application/octet-stream", std::move(data)};
}

InvokeResponse InvokeResponse::error(int status, std::string_view message) {
  std::string text = boost::json::serialize(boost::json::value(boost::json::string(message)));
  return {status, "application/json", std::vector<uint8_t>(text.begin(), text.end())};
}

}  // namespace warden::ipc
