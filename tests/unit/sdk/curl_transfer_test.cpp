// warden/curl_transfer.hpp with real libcurl handles: the secure options refuse every protocol but
// the allowed ones (file://, a redirect's target protocol, plain http for https_only) before any
// byte is read or sent, and TlsTrust names the variable and path of certificates it cannot read.
#include <poll.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <warden/curl_transfer.hpp>

namespace fs = std::filesystem;

namespace {

CURLcode perform(const std::string& url, warden::CurlProtocols protocols, std::string* body = nullptr) {
  warden::CurlEasy easy = warden::make_curl_easy();
  warden::set_secure_options(easy.get(), warden::TlsTrust{}, protocols);
  curl_easy_setopt(easy.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION, +[](char* d, size_t s, size_t n, void* u) {
    static_cast<std::string*>(u)->append(d, s * n);
    return s * n;
  });
  std::string sink;
  curl_easy_setopt(easy.get(), CURLOPT_WRITEDATA, body ? body : &sink);
  return curl_easy_perform(easy.get());
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("warden-curl-test-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST(CurlTransfer, FileUrlsAreNeverRead) {
  TempDir dir;
  std::ofstream(dir.path / "secret") << "secret";
  std::string body;
  std::string url = "file://" + (dir.path / "secret").string();
  EXPECT_EQ(perform(url, warden::CurlProtocols::http_and_https, &body), CURLE_UNSUPPORTED_PROTOCOL);
  EXPECT_EQ(body, "");
  // Without the options, the same handle would have read it: the refusal is the options' doing.
  warden::CurlEasy plain = warden::make_curl_easy();
  curl_easy_setopt(plain.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(plain.get(), CURLOPT_WRITEFUNCTION, +[](char* d, size_t s, size_t n, void* u) {
    static_cast<std::string*>(u)->append(d, s * n);
    return s * n;
  });
  curl_easy_setopt(plain.get(), CURLOPT_WRITEDATA, &body);
  EXPECT_EQ(curl_easy_perform(plain.get()), CURLE_OK);
  EXPECT_EQ(body, "secret");
}

TEST(CurlTransfer, HttpsOnlyRefusesPlainHttpBeforeConnecting) {
  // A listening loopback socket that would see a connection if libcurl made one.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  std::string url = "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port)) + "/";
  EXPECT_EQ(perform(url, warden::CurlProtocols::https_only), CURLE_UNSUPPORTED_PROTOCOL);
  EXPECT_EQ(perform("ftp://127.0.0.1/", warden::CurlProtocols::http_and_https), CURLE_UNSUPPORTED_PROTOCOL);
  EXPECT_EQ(perform("gopher://127.0.0.1/", warden::CurlProtocols::http_and_https), CURLE_UNSUPPORTED_PROTOCOL);
  // Nothing connected: a pending connection would make the listening socket readable.
  pollfd p{fd, POLLIN, 0};
  EXPECT_EQ(::poll(&p, 1, 0), 0);
  // The check can fail: with http allowed, the same URL does connect.
  warden::CurlEasy easy = warden::make_curl_easy();
  warden::set_secure_options(easy.get(), warden::TlsTrust{}, warden::CurlProtocols::http_and_https);
  curl_easy_setopt(easy.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy.get(), CURLOPT_CONNECT_ONLY, 1L);
  EXPECT_EQ(curl_easy_perform(easy.get()), CURLE_OK);
  EXPECT_EQ(::poll(&p, 1, 1000), 1);
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

TEST(CurlTransfer, TrustReadFromTheEnvironment) {
  ::setenv("SSL_CERT_FILE", "/some/ca.pem", 1);
  ::setenv("SSL_CERT_DIR", "", 1);
  warden::TlsTrust trust = warden::TlsTrust::from_environment();
  EXPECT_EQ(trust.ca_file, "/some/ca.pem");
  EXPECT_EQ(trust.ca_dir, "");  // empty is unset
  ::unsetenv("SSL_CERT_FILE");
  ::unsetenv("SSL_CERT_DIR");
  EXPECT_EQ(warden::TlsTrust::from_environment().ca_file, "");
}

TEST(CurlTransfer, UnreadableTrustIsNamed) {
  TempDir dir;
  std::ofstream(dir.path / "ca.pem") << "-----BEGIN CERTIFICATE-----\n";
  EXPECT_EQ((warden::TlsTrust{(dir.path / "ca.pem").string(), dir.path.string()}.problem()), std::nullopt);
  EXPECT_EQ(warden::TlsTrust{}.problem(), std::nullopt);

  auto missing = warden::TlsTrust{(dir.path / "missing.pem").string(), ""}.problem();
  ASSERT_TRUE(missing);
  EXPECT_NE(missing->find("SSL_CERT_FILE names '" + (dir.path / "missing.pem").string() + "'"), std::string::npos) << *missing;
  EXPECT_NE(missing->find("No such file"), std::string::npos) << *missing;

  auto folder_as_file = warden::TlsTrust{dir.path.string(), ""}.problem();
  ASSERT_TRUE(folder_as_file);
  EXPECT_NE(folder_as_file->find("is not a file"), std::string::npos) << *folder_as_file;

  auto file_as_dir = warden::TlsTrust{"", (dir.path / "ca.pem").string()}.problem();
  ASSERT_TRUE(file_as_dir);
  EXPECT_NE(file_as_dir->find("SSL_CERT_DIR"), std::string::npos) << *file_as_dir;
  EXPECT_NE(file_as_dir->find("is not a folder"), std::string::npos) << *file_as_dir;

  std::string message = warden::TlsTrust{(dir.path / "missing.pem").string(), ""}.unreadable_message("error setting certificate file");
  EXPECT_NE(message.find("SSL_CERT_FILE names"), std::string::npos) << message;
  EXPECT_NE(message.find("(error setting certificate file)"), std::string::npos) << message;
}
