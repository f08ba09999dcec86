#include "ipc/invoke_response.hpp"

#include <boost/json.hpp>

namespace warden::ipc {

InvokeResponse InvokeResponse::json(std::string json) { return {200, "application/json", std::move(json)}; }

InvokeResponse InvokeResponse::bytes(std::string data) { return {200, "application/octet-stream", std::move(data)}; }

InvokeResponse InvokeResponse::error(int status, std::string_view message) {
  return {status, "application/json", boost::json::serialize(boost::json::value(boost::json::string(message)))};
}

}  // namespace warden::ipc
