#include "service/mail_templates.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sp::service {

Result<MailTemplates> MailTemplates::load(const std::string& dir) {
  MailTemplates t;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream in(e.path());
    std::string first;
    std::getline(in, first);
    if (first.rfind("Subject: ", 0) != 0)
      return make_error(e.path().string() + ":1: a mail template starts with 'Subject: '");
    std::ostringstream body;
    body << in.rdbuf();
    std::string b = body.str();
    if (!b.empty() && b[0] == '\n') b.erase(0, 1);
    t.add(e.path().stem().string(), Mail{first.substr(9), b});
  }
  if (ec) return make_error("cannot read mail templates in " + dir + ": " + ec.message());
  return t;
}

namespace {
Result<std::string> fill(const std::string& text, const std::map<std::string, std::string>& vars) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto open = text.find("{{", pos);
    if (open == std::string::npos) break;
    const auto close = text.find("}}", open);
    if (close == std::string::npos) break;
    out += text.substr(pos, open - pos);
    const std::string key = text.substr(open + 2, close - open - 2);
    auto it = vars.find(key);
    if (it == vars.end()) return make_error("mail template placeholder {{" + key + "}} has no value");
    out += it->second;
    pos = close + 2;
  }
  return out + text.substr(pos);
}
}  // namespace

Result<Mail> MailTemplates::render(const std::string& name, const std::map<std::string, std::string>& vars) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) return make_error("no mail template '" + name + "'");
  auto subject = fill(it->second.subject, vars);
  if (!subject) return subject.error();
  auto body = fill(it->second.body, vars);
  if (!body) return body.error();
  return Mail{*subject, *body};
}

}  // namespace sp::service
