#pragma once
// What an ACL test asserts about a failure: the error's kind, not its wording (the message is
// for people and may be reworded; a test of a message checks only what the message is for).
#include <functional>
#include <ostream>
#include <optional>

#include <gtest/gtest.h>

#include "acl/error.hpp"

namespace warden::acl::test {

// The kind of the acl::Error that `f` throws; nullopt when it returns normally. Any other
// exception propagates and fails the test.
inline std::optional<ErrorKind> thrown_kind(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  return std::nullopt;
}

// The acl::Error that `f` throws; a test failure (and an error of kind `not_editable` with no
// location, which no parser throws) when it throws none.
inline Error thrown_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected an acl::Error";
  return Error(ErrorKind::not_editable, {}, "no error was thrown");
}

}  // namespace warden::acl::test

// gtest prints a kind by its name.
namespace warden::acl {
inline void PrintTo(ErrorKind kind, std::ostream* os) { *os << kind_name(kind); }
}  // namespace warden::acl
