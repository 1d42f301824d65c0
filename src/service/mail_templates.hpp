#pragma once
// Indonesian e-mail texts, one file per message in templates/mail/NAME.txt: the first line is
// "Subject: ...", then a blank line, then the body. {{name}} placeholders are filled at send time.
#include <map>
#include <string>

#include "core/result.hpp"

namespace sp::service {

struct Mail {
  std::string subject;
  std::string body;
};

class MailTemplates {
 public:
  // Reads every *.txt in `dir`; fails naming the file that is malformed.
  static Result<MailTemplates> load(const std::string& dir);
  void add(const std::string& name, Mail m) { templates_[name] = std::move(m); }
  // Fails when the template is missing or a placeholder has no value.
  Result<Mail> render(const std::string& name, const std::map<std::string, std::string>& vars) const;

 private:
  std::map<std::string, Mail> templates_;
};

}  // namespace sp::service
