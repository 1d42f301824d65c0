#pragma once
// Sends one e-mail. SmtpSender speaks SMTP through libcurl; tests use a real SMTP sink.
#include <string>

#include "core/result.hpp"
#include "service/mail_templates.hpp"

namespace sp::notify {

class MailSender {
 public:
  virtual ~MailSender() = default;
  // `message_id` is stable per outbox row, so a receiver can drop a duplicate delivery.
  virtual Result<bool> send(const std::string& to, const service::Mail& mail, const std::string& message_id) = 0;
};

class SmtpSender final : public MailSender {
 public:
  // url: "smtp://127.0.0.1:2525" or "smtps://host:465"; from: "DPMPTSP <noreply@example.go.id>"
  SmtpSender(std::string url, std::string from, std::string user = {}, std::string password = {});
  Result<bool> send(const std::string& to, const service::Mail& mail, const std::string& message_id) override;

 private:
  std::string url_, from_, user_, password_;
};

// Builds the RFC 5322 message text (UTF-8 body, RFC 2047 encoded subject).
std::string build_message(const std::string& from, const std::string& to, const service::Mail& mail,
                          const std::string& message_id, long long unix_time);

}  // namespace sp::notify
