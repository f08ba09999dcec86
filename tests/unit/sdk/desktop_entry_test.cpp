// warden/desktop_entry.hpp: what it writes, read back by the Desktop Entry Specification's rules
// with a reader written here from the spec (not from the writer), comes back exactly as given,
// whatever characters an argument or a value holds; and no value can add a line to the file.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "warden/desktop_entry.hpp"

namespace de = warden::desktop_entry;

namespace {

// The string escapes first (\s \n \t \r \\); any other backslash stays for the quoting rule.
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

// Inside "...": only \" \` \$ \\ are escapes, and ` and $ must be escaped (a shell would expand them).
std::size_t read_quoted(const std::string& line, std::size_t i, std::string& current) {
  for (++i;; ++i) {
    if (i >= line.size()) throw std::runtime_error("unclosed quote");
    if (line[i] == '\\' && i + 1 < line.size() && std::string("\"`$\\").find(line[i + 1]) != std::string::npos) {
      current += line[++i];
    } else if (line[i] == '\\') {
      throw std::runtime_error("a backslash escaping nothing it may");
    } else if (line[i] == '"') {
      return i + 1;
    } else if (line[i] == '`' || line[i] == '$') {
      throw std::runtime_error(std::string("unescaped ") + line[i] + " inside quotes");
    } else {
      current += line[i];
    }
  }
}

// %% is a percent; any other % is a field code, which no argument written by the header may be.
std::string expand_percent(const std::string& a) {
  std::string out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] == '%') {
      if (i + 1 >= a.size() || a[i + 1] != '%') throw std::runtime_error("a field code: " + a);
      ++i;
    }
    out += a[i];
  }
  return out;
}

// The quoting rule: arguments split on spaces, a reserved character outside quotes is an error.
std::vector<std::string> split_exec(const std::string& line) {
  const std::string reserved = " \t\n\"'\\><~|&;$*?#()`";
  std::vector<std::string> args;
  std::string current;
  bool in_arg = false;
  for (std::size_t i = 0; i < line.size();) {
    char c = line[i];
    if (c == ' ') {
      if (in_arg) args.push_back(expand_percent(current));
      current.clear();
      in_arg = false;
      ++i;
    } else if (c == '"') {
      in_arg = true;
      i = read_quoted(line, i, current);
    } else if (reserved.find(c) != std::string::npos) {
      throw std::runtime_error(std::string("reserved character outside quotes: ") + c);
    } else {
      in_arg = true;
      current += c;
      ++i;
    }
  }
  if (in_arg) args.push_back(expand_percent(current));
  return args;
}

std::vector<std::string> read_back(const std::vector<std::string>& command) {
  return split_exec(unescape_string(de::exec_value(command)));
}

bool breaks_a_line(const std::string& value) { return value.find_first_of("\n\r") != std::string::npos; }

}  // namespace

TEST(DesktopEntry, EveryReservedCharacterComesBackAsWritten) {
  std::vector<std::string> command{"/usr/bin/warden", "run", "/home/u/My Apps/app"};
  for (char c : std::string(" \t\n\r\"'\\><~|&;$*?#()`%=")) command.push_back(std::string("a") + c + "b");
  command.push_back("");
  command.push_back("100%");
  command.push_back("%U");
  command.push_back("%%u");
  command.push_back("back\\\\slashes\\");
  command.push_back("$HOME and ${PATH} and `id` and $(id)");
  command.push_back("\\\"");
  command.push_back("\"");
  command.push_back("'single' \"double\"");
  command.push_back("\r\n");
  command.push_back("line\nExec=/bin/sh -c evil");
  command.push_back("\\n not a newline");
  command.push_back("caf\xc3\xa9 \xe2\x9c\x93");
  EXPECT_EQ(read_back(command), command);
  EXPECT_FALSE(breaks_a_line(de::exec_value(command)));
}

TEST(DesktopEntry, PlainArgumentsAreNotQuoted) {
  EXPECT_EQ(de::exec_value({"/usr/bin/warden", "run", "/opt/app", "--plugins", "/opt/p"}),
            "/usr/bin/warden run /opt/app --plugins /opt/p");
  EXPECT_EQ(de::quote_exec_argument("https://a.example/x?y=1"), "\"https://a.example/x?y=1\"");
  EXPECT_EQ(de::quote_exec_argument("a=b,c:d@e+f"), "a=b,c:d@e+f");
}

TEST(DesktopEntry, QuotingAsTheSpecWritesIt) {
  EXPECT_EQ(de::quote_exec_argument("a b"), "\"a b\"");
  EXPECT_EQ(de::quote_exec_argument(""), "\"\"");
  EXPECT_EQ(de::quote_exec_argument("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(de::quote_exec_argument("it's"), "\"it's\"");  // ' is reserved but not escaped inside "..."
  EXPECT_EQ(de::quote_exec_argument("a\\b"), "\"a\\\\b\"");
  EXPECT_EQ(de::quote_exec_argument("$X"), "\"\\$X\"");
  EXPECT_EQ(de::quote_exec_argument("`id`"), "\"\\`id\\`\"");
  EXPECT_EQ(de::quote_exec_argument("a;b|c&d"), "\"a;b|c&d\"");
  // A newline is quoted here and escaped as \n by exec_value, never written as a line break.
  EXPECT_EQ(de::quote_exec_argument("a\nb"), "\"a\nb\"");
  EXPECT_EQ(de::exec_value({"a\nb"}), "\"a\\nb\"");
}

TEST(DesktopEntry, EveryPercentIsDoubledSoNoArgumentIsAFieldCode) {
  EXPECT_EQ(de::quote_exec_argument("100%"), "100%%");
  EXPECT_EQ(de::quote_exec_argument("%u"), "%%u");
  EXPECT_EQ(de::quote_exec_argument("%f %U"), "\"%%f %%U\"");
  EXPECT_EQ(de::exec_value({"/bin/w", "/a/100%u"}) + " %u", "/bin/w /a/100%%u %u");
}

TEST(DesktopEntry, StringValuesEscapeBackslashAndLineBreaks) {
  EXPECT_EQ(de::escape_string_value("x\ny\\", "v"), "x\\ny\\\\");
  EXPECT_EQ(de::escape_string_value("a\tb\rc", "v"), "a\\tb\\rc");
  EXPECT_EQ(de::escape_string_value("My \"App\" $1 `x` 50% ;", "v"), "My \"App\" $1 `x` 50% ;");
  // The quoting rule's backslash is itself escaped as a string value in the file.
  EXPECT_EQ(de::exec_value({"a\\b"}), "\"a\\\\\\\\b\"");
  std::string hostile = "App\nExec=/bin/sh -c evil\r\n[Desktop Action x]\n";
  EXPECT_FALSE(breaks_a_line(de::escape_string_value(hostile, "v")));
  EXPECT_EQ(unescape_string(de::escape_string_value(hostile, "v")), hostile);
}

TEST(DesktopEntry, ASpaceThatStartsOrEndsAValueIsWrittenAsAnEscape) {
  // GLib drops the blanks after '=', other readers those at the end of a line.
  EXPECT_EQ(de::string_line("Name", " My App "), "Name=\\sMy App\\s");
  EXPECT_EQ(de::string_line("Name", "  x"), "Name=\\s x");
  EXPECT_EQ(de::string_line("Name", " "), "Name=\\s");
  for (std::string value : {" a", "a ", "  two  ", " ", "\\s", " \\"})
    EXPECT_EQ(unescape_string(de::escape_string_value(value, "v")), value) << value;
}

TEST(DesktopEntry, ControlCharactersAndLineSeparatorsAreRefusedNamingTheKey) {
  std::vector<std::string> refused;
  for (int c = 0; c < 0x20; ++c)
    if (c != '\t' && c != '\n' && c != '\r') refused.push_back(std::string("App") + static_cast<char>(c) + "Exec=evil");
  refused.push_back("App\x7f" "Exec=evil");
  refused.push_back("App\xc2\x85" "Exec=evil");      // U+0085 NEXT LINE
  refused.push_back("App\xe2\x80\xa8" "Exec=evil");  // U+2028 LINE SEPARATOR
  refused.push_back("App\xe2\x80\xa9" "Exec=evil");  // U+2029 PARAGRAPH SEPARATOR
  for (const std::string& value : refused) {
    try {
      de::string_line("Comment", value);
      ADD_FAILURE() << "accepted a value with byte " << static_cast<int>(static_cast<unsigned char>(value[3]));
    } catch (const std::invalid_argument& e) {
      std::string what = e.what();
      EXPECT_NE(what.find("the .desktop key Comment cannot hold the character U+"), std::string::npos) << what;
      EXPECT_EQ(what.find("evil"), std::string::npos) << "the error repeats the value: " << what;
    }
  }
  EXPECT_THROW(de::product_name_line("App\vExec=evil"), std::invalid_argument);
  try {
    de::product_name_line(std::string("App\0Exec=evil", 13));
    ADD_FAILURE() << "a NUL was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "the app's productName (the .desktop key Name) cannot hold the character U+0000 (a control "
                           "character or a line separator) in a .desktop file");
  }
  EXPECT_THROW(de::exec_value({"/bin/w", "a\x1b[2Jb"}), std::invalid_argument);
  try {
    de::exec_value({"/bin/w", "a\x01"});
    ADD_FAILURE() << "a control character in an argument was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("Exec"), std::string::npos) << e.what();
  }
  // Characters that only look alike pass: U+2027, U+0084, a lone 0xe2.
  for (std::string value : {"a\xe2\x80\xa7" "b", "a\xc2\x84" "b", "a\xe2", "caf\xc3\xa9", "\xe2\x80"})
    EXPECT_NO_THROW(de::string_line("Name", value)) << value;
  EXPECT_EQ(de::refused_character("ok\ttab\nnl\rcr"), std::nullopt);
  EXPECT_EQ(de::refused_character("a\x1f"), "U+001F");
  EXPECT_EQ(de::refused_character("a\xe2\x80\xa9"), "U+2029");
}

TEST(DesktopEntry, TheOwnerLineMatchesOnlyAWholeLine) {
  EXPECT_EQ(de::owner_line("org.example.app"), "X-Warden-App=org.example.app");
  std::string text = "[Desktop Entry]\nName=x\nX-Warden-App=org.example.app\nTerminal=false\n";
  EXPECT_TRUE(de::has_owner_line(text, "org.example.app"));
  EXPECT_TRUE(de::has_owner_line("[Desktop Entry]\nX-Warden-App=org.example.app", "org.example.app"));
  EXPECT_FALSE(de::has_owner_line(text, "org.example"));
  EXPECT_FALSE(de::has_owner_line(text, "org.example.app.other"));
  EXPECT_FALSE(de::has_owner_line(text, ""));
  EXPECT_FALSE(de::has_owner_line("# X-Warden-App=org.example.app\n", "org.example.app"));
  EXPECT_FALSE(de::has_owner_line("X-Warden-App=org.example.app \n", "org.example.app"));
  EXPECT_FALSE(de::has_owner_line("", "org.example.app"));
  // An identifier with a newline cannot forge a second line that another app's check would match.
  EXPECT_FALSE(breaks_a_line(de::owner_line("a\nX-Warden-App=b")));
  EXPECT_FALSE(de::has_owner_line(de::owner_line("a\nX-Warden-App=b") + "\n", "b"));
  // An identifier no line can hold is never found (and does not throw).
  EXPECT_FALSE(de::has_owner_line("X-Warden-App=a\x01\n", "a\x01"));
}

TEST(DesktopEntry, OnlyReverseDnsIdentifiersNameAFile) {
  for (const char* good : {"com.example.my-app_2", "a", "A.B.C", "x..y"})
    EXPECT_TRUE(de::is_file_name_identifier(good)) << good;
  EXPECT_TRUE(de::is_file_name_identifier(std::string(200, 'a')));
  EXPECT_FALSE(de::is_file_name_identifier(std::string(201, 'a')));
  for (const char* bad : {"", ".", "..", ".hidden", "../x", "a/b", "/abs", "a b", "a\nb", "a\rb", "a\tb", "a\"b",
                          "a'b", "a\\b", "a%u", "a$b", "a`b", "a;b", "a*b", "\xc3\xa9"})
    EXPECT_FALSE(de::is_file_name_identifier(bad)) << bad;
  EXPECT_FALSE(de::is_file_name_identifier(std::string("a\0b", 3)));
}
