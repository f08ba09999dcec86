// The autostart entry's text read back by the Desktop Entry Specification's rules: every argument
// of Exec comes back exactly as written, whatever characters it holds.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "autostart_entry.hpp"

namespace ap = warden::autostart_plugin;

namespace {

// A reader written from the spec, independent of the writer: the string escapes first (\s \n \t
// \r \\; any other backslash stays for the quoting rule), then the quoting rule, then %%.
std::string unescape_string(const std::string& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size()) {
      char n = v[i + 1];
      if (n == 's' || n == 'n' || n == 't' || n == 'r' || n == '\\') {
        out += n == 's' ? ' ' : n == 'n' ? '\n' : n == 't' ? '\t' : n == 'r' ? '\r' : '\\';
        ++i;
        continue;
      }
    }
    out += v[i];
  }
  return out;
}

std::vector<std::string> split_exec(const std::string& line) {
  const std::string reserved = " \t\n\"'\\><~|&;$*?#()`";
  std::vector<std::string> args;
  std::string current;
  bool in_arg = false;
  for (std::size_t i = 0; i < line.size();) {
    char c = line[i];
    if (c == ' ') {
      if (in_arg) args.push_back(current);
      current.clear();
      in_arg = false;
      ++i;
    } else if (c == '"') {
      in_arg = true;
      for (++i;; ++i) {
        if (i >= line.size()) throw std::runtime_error("unclosed quote");
        if (line[i] == '\\' && i + 1 < line.size() && std::string("\"`$\\").find(line[i + 1]) != std::string::npos) {
          current += line[++i];
        } else if (line[i] == '\\') {
          throw std::runtime_error("a backslash escaping nothing it may");
        } else if (line[i] == '"') {
          ++i;
          break;
        } else {
          current += line[i];
        }
      }
    } else if (reserved.find(c) != std::string::npos) {
      throw std::runtime_error(std::string("reserved character outside quotes: ") + c);
    } else {
      in_arg = true;
      current += c;
      ++i;
    }
  }
  if (in_arg) args.push_back(current);
  for (std::string& a : args) {
    std::string out;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] == '%') {
        if (i + 1 >= a.size() || a[i + 1] != '%') throw std::runtime_error("a field code: " + a);
        ++i;
      }
      out += a[i];
    }
    a = out;
  }
  return args;
}

std::vector<std::string> read_back(const std::vector<std::string>& command) {
  return split_exec(unescape_string(ap::exec_value(command)));
}

}  // namespace

TEST(AutostartEntry, EveryReservedCharacterComesBackAsWritten) {
  std::vector<std::string> command{"/usr/bin/warden", "run", "/home/u/My Apps/app"};
  for (char c : std::string(" \t\n\"'\\><~|&;$*?#()`%=")) command.push_back(std::string("a") + c + "b");
  command.push_back("");
  command.push_back("100%");
  command.push_back("%U");
  command.push_back("back\\\\slashes\\");
  command.push_back("$HOME and ${PATH} and `id`");
  command.push_back("\\\"");
  command.push_back("\r\n");
  EXPECT_EQ(read_back(command), command);
}

TEST(AutostartEntry, PlainArgumentsAreNotQuoted) {
  EXPECT_EQ(ap::exec_value({"/usr/bin/warden", "run", "/opt/app", "--plugins", "/opt/p"}),
            "/usr/bin/warden run /opt/app --plugins /opt/p");
}

TEST(AutostartEntry, QuotingAndEscapingAsTheSpecWritesThem) {
  EXPECT_EQ(ap::quote_exec_argument("a b"), "\"a b\"");
  EXPECT_EQ(ap::quote_exec_argument("100%"), "100%%");
  EXPECT_EQ(ap::quote_exec_argument("$X"), "\"\\$X\"");
  EXPECT_EQ(ap::quote_exec_argument(""), "\"\"");
  // The backslash of the quoting rule is itself escaped as a string value in the file.
  EXPECT_EQ(ap::exec_value({"a\\b"}), "\"a\\\\\\\\b\"");
  EXPECT_EQ(ap::escape_string_value("x\ny\\"), "x\\ny\\\\");
}

TEST(AutostartEntry, TheFileNamesTheAppAndMarksItsOwner) {
  std::string text = ap::entry_text({"My \"App\"\\", {"/usr/bin/warden", "run", "/opt/app"}, "org.example.app"});
  EXPECT_EQ(text.rfind("[Desktop Entry]\n", 0), 0u);
  EXPECT_NE(text.find("\nType=Application\n"), std::string::npos);
  EXPECT_NE(text.find("\nName=My \"App\"\\\\\n"), std::string::npos);
  EXPECT_NE(text.find("\nExec=/usr/bin/warden run /opt/app\n"), std::string::npos);
  EXPECT_TRUE(ap::is_entry_of(text, "org.example.app"));
  EXPECT_FALSE(ap::is_entry_of(text, "org.example"));
  EXPECT_FALSE(ap::is_entry_of(text, "org.example.app.other"));
  EXPECT_FALSE(ap::is_entry_of("[Desktop Entry]\nName=x\n# X-Warden-App=org.example.app\n", "org.example.app"));
}
