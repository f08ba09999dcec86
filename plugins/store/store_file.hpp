#pragma once
// A store's file on disk: a JSON object, read strictly (a damaged file is an error, never
// replaced) and written atomically (a temporary file in the same folder, fsync, rename, fsync of
// the folder), so that a crash leaves either the previous save or the new one.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

namespace warden::store_plugin {

// The object in `file`; nullopt when the file does not exist. Throws std::runtime_error naming
// the file: unreadable, not valid JSON (with the line, column and byte of the error), or JSON
// that is not an object.
// A file larger than `max_bytes` is refused (StoreQuotaExceeded, naming plugins.store.maxStoreBytes)
// before it is read.
std::optional<boost::json::object> read_store_file(const std::filesystem::path& file,
                                                   std::uint64_t max_bytes = UINT64_MAX);

// Replaces `file` with `text` atomically. Creates the missing folders. A new file gets mode
// 0600 (stores often hold private data); an existing file keeps its mode. On failure the old
// file is untouched, the temporary file removed, and std::runtime_error names the file and the
// system's reason.
void write_file_atomically(const std::filesystem::path& file, std::string_view text);

// `value` as JSON indented by two spaces, one member or element a line (the layout Tauri's store
// writes), ending without a newline.
std::string to_pretty_json(const boost::json::value& value);

}  // namespace warden::store_plugin
