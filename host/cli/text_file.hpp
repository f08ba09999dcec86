#pragma once
// Reading a whole file the user named (an app's warden.conf.json, ...) for the CLI's commands.
#include <filesystem>
#include <string>

namespace warden::cli {

// The file's bytes; throws UsageError ("cannot read FILE") when it cannot be opened.
std::string read_text_file(const std::filesystem::path& file);

}  // namespace warden::cli
