// The updater plugin: the commands @tauri-apps/plugin-updater 2.x invokes (plugin:updater|check,
// download, install, download_and_install; docs/plugins/updater.md). check asks the app's
// endpoints; download streams the archive to a private temporary file while its minisign
// signature is computed (the key from the app config only); install extracts the verified
// archive beside the app folder, checks its identifier and version, and swaps it in. The page
// then relaunches (@tauri-apps/plugin-process). Every command is blocking: none runs on the main
// thread.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>

#include <warden/app_identity.hpp>
#include <warden/curl_transfer.hpp>
#include <warden/fetch_headers.hpp>
#include <warden/ext/app_lifecycle.h>
#include <warden/plugin.hpp>
#include <warden/scoped_file.hpp>

#include "app_install.hpp"
#include "download_progress.hpp"
#include "http_transfer.hpp"
#include "signing/minisign.hpp"
#include "start_check.hpp"
#include "update_check.hpp"
#include "updater_config.hpp"

namespace up = warden::updater;
namespace json = boost::json;
namespace signing = warden::signing;

namespace {

constexpr uint64_t kMaxEndpointAnswerBytes = 1 << 20;

struct DownloadedArchive;

struct PluginState {
  warden::Host host;
  up::UpdaterConfig config;
  std::optional<signing::MinisignPublicKey> pubkey;
  std::optional<warden::AppIdentity> app;
  std::mutex install_mutex;
  std::optional<std::string> installed_version;  // set once an update is in place: relaunch first
  // One download at a time and one downloaded archive kept per app: each archive is a file of up
  // to maxArchiveBytes, so a page calling download in a loop must not be able to fill the disk.
  std::mutex downloads_mutex;
  bool download_in_flight = false;
  std::weak_ptr<DownloadedArchive> kept_archive;  // the page's resource owns it
};

std::shared_ptr<PluginState>& state_slot() {
  static std::shared_ptr<PluginState> s;
  return s;
}

PluginState& state() {
  if (!state_slot()) throw std::runtime_error("the updater plugin is not initialised");
  return *state_slot();
}

// An update that check found: what the page's rid stands for.
struct PendingUpdate {
  up::Release release;
  up::TransferOptions transfer;
  bool allow_downgrades = false;
};

// A downloaded, verified archive: an unlinked temporary file only this process can reach. The
// file goes when the page closes the resource, when install takes it, or when a newer download
// replaces it (the resource then stays, empty, and install says why).
struct DownloadedArchive {
  explicit DownloadedArchive(int f) : fd_(f) {}
  DownloadedArchive(const DownloadedArchive&) = delete;
  DownloadedArchive& operator=(const DownloadedArchive&) = delete;
  ~DownloadedArchive() { discard(); }

  // [any-thread] The file, read from the start, now owned by the caller; -1 when it is gone.
  int take() {
    std::lock_guard lock(mutex_);
    return std::exchange(fd_, -1);
  }
  // [any-thread] Closes the file (a newer download replaced it).
  void discard() {
    std::lock_guard lock(mutex_);
    if (fd_ >= 0) ::close(std::exchange(fd_, -1));
  }
  // [any-thread] The download's own writes, before anyone else can see it.
  int writing_fd() const { return fd_; }

  bool allow_downgrades = false;

 private:
  std::mutex mutex_;
  int fd_;
};

// Holds the app's one download slot for a download's duration; a second download is refused
// rather than queued (the page can retry once the first has ended).
class DownloadSlot {
 public:
  explicit DownloadSlot(PluginState& s) : s_(s) {
    std::lock_guard lock(s_.downloads_mutex);
    if (s_.download_in_flight)
      throw std::runtime_error("an update download is already in progress for this app: wait until it ends");
    s_.download_in_flight = true;
  }
  ~DownloadSlot() {
    std::lock_guard lock(s_.downloads_mutex);
    s_.download_in_flight = false;
  }
  DownloadSlot(const DownloadSlot&) = delete;
  DownloadSlot& operator=(const DownloadSlot&) = delete;

 private:
  PluginState& s_;
};

// The newest completed download replaces the one kept before (the package's Update.download
// keeps only the newest rid too); a failed download keeps the earlier one.
void keep_only(PluginState& s, const std::shared_ptr<DownloadedArchive>& archive) {
  std::shared_ptr<DownloadedArchive> earlier;
  {
    std::lock_guard lock(s.downloads_mutex);
    earlier = std::exchange(s.kept_archive, archive).lock();
  }
  if (earlier) earlier->discard();
}

// ---- arguments ----

const json::object& args_object(const json::value& args) {
  if (!args.is_object()) throw std::invalid_argument("arguments must be an object");
  return args.get_object();
}

const json::value* present(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

std::optional<std::string> string_arg(const json::object& o, std::string_view key) {
  const json::value* v = present(o, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) throw std::invalid_argument(std::string(key) + " must be a string");
  return std::string(v->get_string());
}

std::optional<uint64_t> timeout_arg(const json::object& o) {
  const json::value* v = present(o, "timeout");
  if (!v) return std::nullopt;
  if (v->is_uint64() && v->get_uint64() > 0) return v->get_uint64();
  if (v->is_int64() && v->get_int64() > 0) return static_cast<uint64_t>(v->get_int64());
  if (v->is_double() && v->get_double() >= 1 && v->get_double() < 1e12) return static_cast<uint64_t>(v->get_double());
  throw std::invalid_argument("timeout must be a positive number of milliseconds");
}

// What the package sends: Array.from(new Headers(...).entries()), pairs of strings. They follow
// the Fetch standard's rules as a page's fetch does (the SDK's fetch_headers.hpp): a name that is
// not a token or a value with CR, LF or NUL is refused; a forbidden header (Host, Cookie, Origin,
// Content-Length, Proxy-*, Sec-*, ...) is left out, and the log says which.
std::optional<up::HeaderList> headers_arg(const json::object& o, warden::Context& ctx) {
  const json::value* v = present(o, "headers");
  if (!v) return std::nullopt;
  if (!v->is_array()) throw std::invalid_argument("headers must be an array of [name, value] pairs");
  up::HeaderList given;
  for (const json::value& pair : v->get_array()) {
    const json::array* p = pair.if_array();
    if (!p || p->size() != 2 || !(*p)[0].is_string() || !(*p)[1].is_string())
      throw std::invalid_argument("headers must be an array of [name, value] pairs");
    given.emplace_back(std::string((*p)[0].get_string()), std::string((*p)[1].get_string()));
  }
  warden::HeaderVerdict verdict = warden::filter_request_headers(given, false);
  if (!verdict.dropped.empty()) {
    std::string names;
    for (const std::string& name : verdict.dropped) names += (names.empty() ? "" : ", ") + name;
    ctx.host().info("updater: headers a page may not set were left out: " + names);
  }
  return std::move(verdict.kept);
}

uint32_t rid_arg(const json::object& o, std::string_view key) {
  const json::value* v = present(o, key);
  if (v && v->is_uint64() && v->get_uint64() <= UINT32_MAX) return static_cast<uint32_t>(v->get_uint64());
  if (v && v->is_int64() && v->get_int64() > 0 && v->get_int64() <= UINT32_MAX) return static_cast<uint32_t>(v->get_int64());
  throw std::invalid_argument(std::string(key) + " must be a resource id");
}

// ---- check ----

const up::UpdaterConfig& usable_config(PluginState& s) {
  if (auto problem = up::endpoints_problem(s.config)) throw std::runtime_error(*problem);
  return s.config;
}

const warden::AppIdentity& running_app(PluginState& s) {
  if (!s.app) throw std::runtime_error("the host names no running app: the updater needs `warden run`");
  return *s.app;
}

up::TransferOptions transfer_for(const up::UpdaterConfig& config, const json::object& args, warden::Context& ctx) {
  up::TransferOptions t;
  t.insecure_transport = config.insecure_transport;
  t.headers = config.headers;
  if (auto page = headers_arg(args, ctx)) t.headers.insert(t.headers.end(), page->begin(), page->end());
  t.timeout_ms = timeout_arg(args);
  if (!t.timeout_ms) t.timeout_ms = config.timeout_ms;
  if (auto proxy = string_arg(args, "proxy")) {
    // A page's proxy sees the update traffic; only the app's author may allow that.
    if (!config.allow_page_proxy)
      throw std::runtime_error("a proxy from the page is refused unless plugins.updater.allowPageProxy is true");
    t.proxy = std::move(proxy);
  }
  return t;
}

bool downgrades_asked(const up::UpdaterConfig& config, const json::object& args) {
  const json::value* v = present(args, "allowDowngrades");
  if (!v) return false;
  if (!v->is_bool()) throw std::invalid_argument("allowDowngrades must be true or false");
  if (v->get_bool() && !config.allow_downgrades)
    throw std::runtime_error("allowDowngrades is refused unless plugins.updater.allowDowngrades is true");
  return v->get_bool();
}

json::value check(const json::value& raw_args, warden::Context& ctx) {
  PluginState& s = state();
  const json::object& args = args_object(raw_args);
  const up::UpdaterConfig& config = usable_config(s);
  const warden::AppIdentity& app = running_app(s);
  auto current = up::parse_semver(app.version);
  if (!current) throw std::runtime_error("the running app's version '" + app.version + "' is not SemVer");
  auto pending = std::make_shared<PendingUpdate>();
  pending->transfer = transfer_for(config, args, ctx);
  pending->allow_downgrades = downgrades_asked(config, args);
  up::CheckRequest request{config.endpoints, app.version, string_arg(args, "target"), std::string(up::updater_arch())};
  auto release = up::ask_endpoints(request, [&](const std::string& url) {
    return up::get_json(url, pending->transfer, kMaxEndpointAnswerBytes);
  });
  if (!release) return nullptr;
  auto order = up::compare(release->version, *current);
  if (order == 0 || (order < 0 && !pending->allow_downgrades)) return nullptr;
  json::object metadata{{"available", true},
                        {"currentVersion", app.version},
                        {"version", release->version_text},
                        {"date", release->pub_date ? json::value(*release->pub_date) : json::value(nullptr)},
                        {"body", release->notes ? json::value(*release->notes) : json::value(nullptr)},
                        {"rawJson", release->raw}};
  ctx.host().info("updater: " + app.identifier + " " + app.version + " -> " + release->version_text + " offered by " +
                  "the endpoint (archive " + release->url + ")");
  pending->release = std::move(*release);
  metadata["rid"] = ctx.add_resource(std::move(pending));
  return metadata;
}

// ---- download ----

int private_temporary_file() {
  const char* dir = std::getenv("TMPDIR");
  std::string folder = dir && *dir ? dir : "/tmp";
  int fd = ::open(folder.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  std::string pattern = folder + "/warden-update-XXXXXX";
  fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the download in " + folder + ": " + std::strerror(errno));
  ::unlink(pattern.c_str());
  return fd;
}

void write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(std::string("cannot write the download: ") + std::strerror(errno));
    data.remove_prefix(static_cast<size_t>(n));
  }
}

std::shared_ptr<PendingUpdate> pending_update(warden::Context& ctx, uint32_t rid) {
  auto update = ctx.resource<PendingUpdate>(rid);
  if (!update) throw std::runtime_error("no update with resource id " + std::to_string(rid) + " (check first)");
  return update;
}

// Downloads and verifies; the archive's bytes reach the file and the verification alike.
std::shared_ptr<DownloadedArchive> download_verified(warden::Context& ctx, const json::object& args) {
  PluginState& s = state();
  const up::UpdaterConfig& config = usable_config(s);
  auto update = pending_update(ctx, rid_arg(args, "rid"));
  DownloadSlot slot(s);
  up::TransferOptions transfer = update->transfer;
  if (auto headers = headers_arg(args, ctx)) {
    transfer.headers = config.headers;
    transfer.headers.insert(transfer.headers.end(), headers->begin(), headers->end());
  }
  if (auto timeout = timeout_arg(args)) transfer.timeout_ms = timeout;
  signing::MinisignSignature signature;
  try {
    signature = signing::parse_signature(update->release.signature);
  } catch (const signing::SignatureError& e) {
    throw std::runtime_error(std::string("the update's signature is malformed: ") + e.what());
  }
  std::unique_ptr<signing::MinisignVerification> verification;
  try {
    verification = std::make_unique<signing::MinisignVerification>(*s.pubkey, signature);
  } catch (const signing::SignatureError& e) {
    throw std::runtime_error(std::string("the update is not signed with this app's key: ") + e.what());
  }
  auto archive = std::make_shared<DownloadedArchive>(private_temporary_file());
  archive->allow_downgrades = update->allow_downgrades;
  std::optional<warden::Channel> channel;
  if (auto reference = string_arg(args, "onEvent")) channel.emplace(ctx.open_channel(*reference));
  up::DownloadProgress progress([&channel](const json::value& event) {
    if (channel) channel->send(event);
  });
  up::DownloadSink sink;
  sink.started = [&](std::optional<uint64_t> length) { progress.started(length); };
  sink.chunk = [&](std::string_view chunk) {
    write_all(archive->writing_fd(), chunk);
    verification->update(chunk);
    progress.received(chunk.size());
  };
  up::download(update->release.url, transfer, config.max_archive_bytes, sink);
  try {
    verification->finish();
  } catch (const signing::SignatureError& e) {
    ctx.host().warn("updater: the archive from " + update->release.url + " does not verify: " + e.what());
    throw std::runtime_error(std::string("the update archive's signature does not verify: ") + e.what());
  }
  progress.finished();
  return archive;
}

// ---- install ----

// Where the app lives, from the host's launch command (the app folder and this run's plugin
// folders), read strictly by the SDK.
up::AppLocation app_location(PluginState& s) {
  std::string answer;
  auto command = warden::find_launch_command(s.host, &answer);
  if (!command) {
    if (answer.empty()) throw std::runtime_error("the host does not say where the app lives (warden.app-lifecycle/1)");
    throw std::runtime_error("the host's launch command is not a JSON array of strings: " + answer.substr(0, 200));
  }
  return up::app_location_of_launch_command(*command);
}

// Installs the archive in `fd` (from its start); the caller closes `fd`.
void install_downloaded(warden::Context& ctx, int fd, bool allow_downgrades) {
  PluginState& s = state();
  const warden::AppIdentity& identity = running_app(s);
  std::lock_guard lock(s.install_mutex);
  if (s.installed_version)
    throw std::runtime_error("version " + *s.installed_version + " is installed already: relaunch the app first");
  auto running_version = up::parse_semver(identity.version);
  if (!running_version) throw std::runtime_error("the running app's version '" + identity.version + "' is not SemVer");
  up::RunningApp app{app_location(s), identity.identifier, *running_version, allow_downgrades};
  if (::lseek(fd, 0, SEEK_SET) != 0) throw std::runtime_error("cannot read the downloaded archive again");
  try {
    up::InstallOutcome outcome = up::install_app_archive(fd, app);
    s.installed_version = outcome.version;
    ctx.host().info("updater: " + identity.identifier + " " + outcome.version + " installed in " +
                    app.location.folder.string() + "; it runs from the next launch");
    for (const std::string& note : outcome.notes) ctx.host().info("updater: " + note);
    if (outcome.leftover) ctx.host().warn("updater: the old version's files stay in " + *outcome.leftover);
  } catch (const up::UpdateWouldNotStart& e) {
    // The page gets the host's first line; the log gets all it said.
    ctx.host().warn(std::string("updater: install refused, the app folder is unchanged: ") + e.what() +
                    "\nthe host's check said:\n" + e.host_errors());
    throw;
  } catch (const std::exception& e) {
    ctx.host().warn(std::string("updater: install refused, the app folder is unchanged: ") + e.what());
    throw;
  }
}

json::value download(const json::value& raw_args, warden::Context& ctx) {
  auto archive = download_verified(ctx, args_object(raw_args));
  keep_only(state(), archive);
  return ctx.add_resource(std::move(archive));
}

// As Tauri's install, the downloaded archive is taken from the page whatever the outcome (the
// package does not close it after install): a failed install needs a new download.
json::value install(const json::value& raw_args, warden::Context& ctx) {
  const json::object& args = args_object(raw_args);
  pending_update(ctx, rid_arg(args, "updateRid"));
  uint32_t bytes_rid = rid_arg(args, "bytesRid");
  auto archive = ctx.resource<DownloadedArchive>(bytes_rid);
  if (!archive) throw std::runtime_error("no downloaded update with resource id " + std::to_string(bytes_rid));
  ctx.close_resource(bytes_rid);
  warden::FileDescriptor file(archive->take());
  if (file.get() < 0)
    throw std::runtime_error("the downloaded update " + std::to_string(bytes_rid) +
                             " was replaced by a newer download (one is kept per app): install that one");
  install_downloaded(ctx, file.get(), archive->allow_downgrades);
  return nullptr;
}

json::value download_and_install(const json::value& raw_args, warden::Context& ctx) {
  auto archive = download_verified(ctx, args_object(raw_args));
  warden::FileDescriptor file(archive->take());
  install_downloaded(ctx, file.get(), archive->allow_downgrades);
  return nullptr;
}

void init(const warden::Host& host, const json::value& config) {
  auto s = std::make_shared<PluginState>();
  s->host = host;
  s->config = up::parse_updater_config(config);
  if (s->config.configured) {
    try {
      s->pubkey = signing::parse_public_key(s->config.pubkey);
    } catch (const signing::SignatureError& e) {
      throw std::invalid_argument(std::string("plugins.updater.pubkey: ") + e.what());
    }
    if (auto problem = up::endpoints_problem(s->config)) host.error("updater: " + *problem);
  }
  // Said at load, before the first request fails with libcurl's terser message.
  if (auto problem = warden::TlsTrust::from_environment().problem()) host.warn("updater: " + *problem);
  s->app = warden::find_app_identity(host);
  state_slot() = std::move(s);
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init(init);
  plugin.on_shutdown([] { state_slot().reset(); });
  plugin.command("check", check, WARDEN_COMMAND_BLOCKING);
  plugin.command("download", download, WARDEN_COMMAND_BLOCKING);
  plugin.command("install", install, WARDEN_COMMAND_BLOCKING);
  plugin.command("download_and_install", download_and_install, WARDEN_COMMAND_BLOCKING);
}
