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

#include <warden/app_identity.hpp>
#include <warden/ext/app_lifecycle.h>
#include <warden/plugin.hpp>

#include "app_install.hpp"
#include "download_progress.hpp"
#include "http_transfer.hpp"
#include "signing/minisign.hpp"
#include "update_check.hpp"
#include "updater_config.hpp"

namespace up = warden::updater;
namespace json = boost::json;
namespace signing = warden::signing;

namespace {

constexpr uint64_t kMaxEndpointAnswerBytes = 1 << 20;

struct PluginState {
  warden::Host host;
  up::UpdaterConfig config;
  std::optional<signing::MinisignPublicKey> pubkey;
  std::optional<warden::AppIdentity> app;
  std::mutex install_mutex;
  std::optional<std::string> installed_version;  // set once an update is in place: relaunch first
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

// A downloaded, verified archive: an unlinked temporary file only this process can reach.
struct DownloadedArchive {
  int fd = -1;
  bool allow_downgrades = false;
  explicit DownloadedArchive(int f) : fd(f) {}
  DownloadedArchive(const DownloadedArchive&) = delete;
  DownloadedArchive& operator=(const DownloadedArchive&) = delete;
  ~DownloadedArchive() {
    if (fd >= 0) ::close(fd);
  }
};

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

// What the package sends: Array.from(new Headers(...).entries()), pairs of strings.
std::optional<up::HeaderList> headers_arg(const json::object& o) {
  const json::value* v = present(o, "headers");
  if (!v) return std::nullopt;
  if (!v->is_array()) throw std::invalid_argument("headers must be an array of [name, value] pairs");
  up::HeaderList out;
  for (const json::value& pair : v->get_array()) {
    const json::array* p = pair.if_array();
    if (!p || p->size() != 2 || !(*p)[0].is_string() || !(*p)[1].is_string())
      throw std::invalid_argument("headers must be an array of [name, value] pairs");
    std::string name((*p)[0].get_string()), value((*p)[1].get_string());
    if (auto problem = up::header_problem(name, value)) throw std::invalid_argument(*problem);
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
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

up::TransferOptions transfer_for(const up::UpdaterConfig& config, const json::object& args) {
  up::TransferOptions t;
  t.insecure_transport = config.insecure_transport;
  t.headers = config.headers;
  if (auto page = headers_arg(args)) t.headers.insert(t.headers.end(), page->begin(), page->end());
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
  pending->transfer = transfer_for(config, args);
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
  up::TransferOptions transfer = update->transfer;
  if (auto headers = headers_arg(args)) {
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
    write_all(archive->fd, chunk);
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

void install_downloaded(warden::Context& ctx, DownloadedArchive& archive) {
  PluginState& s = state();
  const warden::AppIdentity& identity = running_app(s);
  std::lock_guard lock(s.install_mutex);
  if (s.installed_version)
    throw std::runtime_error("version " + *s.installed_version + " is installed already: relaunch the app first");
  const auto* lifecycle = s.host.extension<warden_host_app_lifecycle>(WARDEN_EXT_APP_LIFECYCLE);
  auto command = lifecycle && lifecycle->launch_command ? s.host.take_string(lifecycle->launch_command(s.host.raw()))
                                                        : std::nullopt;
  if (!command) throw std::runtime_error("the host does not say where the app lives (warden.app-lifecycle/1)");
  auto running_version = up::parse_semver(identity.version);
  if (!running_version) throw std::runtime_error("the running app's version '" + identity.version + "' is not SemVer");
  up::RunningApp app{up::app_location_of_launch_command(*command), identity.identifier, *running_version,
                     archive.allow_downgrades};
  if (::lseek(archive.fd, 0, SEEK_SET) != 0) throw std::runtime_error("cannot read the downloaded archive again");
  try {
    up::InstallOutcome outcome = up::install_app_archive(archive.fd, app);
    s.installed_version = outcome.version;
    ctx.host().info("updater: " + identity.identifier + " " + outcome.version + " installed in " +
                    app.location.folder.string() + "; it runs from the next launch");
    if (outcome.leftover) ctx.host().warn("updater: the old version's files stay in " + *outcome.leftover);
  } catch (const std::exception& e) {
    ctx.host().warn(std::string("updater: install refused, the app folder is unchanged: ") + e.what());
    throw;
  }
}

json::value download(const json::value& raw_args, warden::Context& ctx) {
  auto archive = download_verified(ctx, args_object(raw_args));
  return ctx.add_resource(std::move(archive));
}

json::value install(const json::value& raw_args, warden::Context& ctx) {
  const json::object& args = args_object(raw_args);
  pending_update(ctx, rid_arg(args, "updateRid"));
  uint32_t bytes_rid = rid_arg(args, "bytesRid");
  auto archive = ctx.resource<DownloadedArchive>(bytes_rid);
  if (!archive) throw std::runtime_error("no downloaded update with resource id " + std::to_string(bytes_rid));
  install_downloaded(ctx, *archive);
  ctx.close_resource(bytes_rid);
  return nullptr;
}

json::value download_and_install(const json::value& raw_args, warden::Context& ctx) {
  auto archive = download_verified(ctx, args_object(raw_args));
  install_downloaded(ctx, *archive);
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
