#include "ipc/ipc_url.hpp"

#include <gtest/gtest.h>

using warden::ipc::ipc_url_path;

TEST(IpcUrl, PathOfLocalhostOnly) {
  EXPECT_EQ(ipc_url_path("ipc://localhost/plugin%3Aping%7Cping"), "/plugin%3Aping%7Cping");
  EXPECT_EQ(ipc_url_path("ipc://localhost/greet?x=1#top"), "/greet");
  EXPECT_EQ(ipc_url_path("ipc://localhost/"), "/");
  EXPECT_EQ(ipc_url_path("ipc://localhost/a/b"), "/a/b");  // refused later: one segment only
  for (const char* other : {"ipc://evil/greet", "ipc://localhost:8080/greet", "ipc://user@localhost/greet",
                            "ipc://localhost.evil/greet", "ipc://LOCALHOST/greet", "app://localhost/greet",
                            "ipc://localhost", "", "ipc:/localhost/greet"})
    EXPECT_FALSE(ipc_url_path(other)) << other;
}
