#include "app_identity.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <boost/json.hpp>

namespace warden::autostart_plugin {

AppIdentity read_app_identity(const Host& host) {
  auto folder = host.resolve_path("$RESOURCE");
  if (!folder) throw std::runtime_error("the host names no app folder ($RESOURCE)");
  const std::string file = *folder + "/warden.conf.json";
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::ostringstream text;
  text << in.rdbuf();
  boost::json::parse_options comments;
  comments.allow_comments = true;  // the host reads warden.conf.json with comments too
  comments.allow_trailing_commas = true;
  boost::system::error_code ec;
  boost::json::value config = boost::json::parse(text.str(), ec, {}, comments);
  const boost::json::object* o = ec ? nullptr : config.if_object();
  const boost::json::value* id = o ? o->if_contains("identifier") : nullptr;
  if (!id || !id->is_string() || id->get_string().empty())
    throw std::runtime_error(file + ": expected a string \"identifier\"");
  AppIdentity app{std::string(id->get_string()), {}};
  const boost::json::value* name = o->if_contains("productName");
  app.product_name = name && name->is_string() && !name->get_string().empty() ? std::string(name->get_string())
                                                                               : app.identifier;
  return app;
}

}  // namespace warden::autostart_plugin
