#include "runtime/command_table.hpp"

#include <stdexcept>

namespace warden::runtime {

void CommandTable::add(std::string name, Command command) {
  if (!command.run) throw std::invalid_argument("command '" + name + "' has no implementation");
  auto [it, inserted] = commands_.emplace(std::move(name), std::move(command));
  if (!inserted) throw std::invalid_argument("command '" + it->first + "' is registered twice");
}

const Command* CommandTable::find(std::string_view name) const {
  auto it = commands_.find(name);
  return it == commands_.end() ? nullptr : &it->second;
}

std::vector<std::string> CommandTable::names() const {
  std::vector<std::string> out;
  for (const auto& [name, command] : commands_) out.push_back(name);
  return out;
}

}  // namespace warden::runtime
