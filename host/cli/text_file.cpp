#include "cli/text_file.hpp"

#include <fstream>
#include <sstream>

#include "cli/command.hpp"

namespace warden::cli {

std::string read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageError("cannot read " + file.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace warden::cli
