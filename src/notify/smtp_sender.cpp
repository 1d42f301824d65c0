#include <curl/curl.h>

#include <cstring>
#include <ctime>

#include "notify/mail_sender.hpp"

namespace sp::notify {

namespace {

std::string base64(const std::string& in) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += t[(v >> 18) & 63];
    out += t[(v >> 12) & 63];
    out += t[(v >> 6) & 63];
    out += t[v & 63];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += t[(v >> 18) & 63];
    out += t[(v >> 12) & 63];
    out += i + 1 < in.size() ? t[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string address_only(const std::string& from) {
  const auto lt = from.find('<');
  const auto gt = from.find('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt) return from.substr(lt, gt - lt + 1);
  return "<" + from + ">";
}

struct Upload {
  const std::string* text;
  std::size_t pos = 0;
};

std::size_t read_cb(char* buf, std::size_t size, std::size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  const std::size_t left = u->text->size() - u->pos;
  const std::size_t take = std::min(left, size * n);
  std::memcpy(buf, u->text->data() + u->pos, take);
  u->pos += take;
  return take;
}

}  // namespace

std::string build_message(const std::string& from, const std::string& to, const service::Mail& mail,
                          const std::string& message_id, long long unix_time) {
  char date[64];
  const std::time_t t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string body;
  // Normalise line ends to CRLF and dot-stuff is done by curl.
  for (char c : mail.body) {
    if (c == '\n') body += "\r\n";
    else if (c != '\r') body += c;
  }
  return "Date: " + std::string(date) + "\r\nFrom: " + from + "\r\nTo: <" + to + ">\r\nMessage-ID: " + message_id +
         "\r\nSubject: =?UTF-8?B?" + base64(mail.subject) +
         "?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
         body;
}

SmtpSender::SmtpSender(std::string url, std::string from, std::string user, std::string password)
    : url_(std::move(url)), from_(std::move(from)), user_(std::move(user)), password_(std::move(password)) {}

Result<bool> SmtpSender::send(const std::string& to, const service::Mail& mail, const std::string& message_id) {
  CURL* curl = curl_easy_init();
  if (!curl) return make_error("smtp", "cannot start libcurl");
  const std::string text = build_message(from_, to, mail, message_id, static_cast<long long>(std::time(nullptr)));
  Upload up{&text};
  const std::string rcpt = "<" + to + ">";
  curl_slist* rcpts = curl_slist_append(nullptr, rcpt.c_str());
  const std::string mail_from = address_only(from_);
  curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpts);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt(curl, CURLOPT_READDATA, &up);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!user_.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, user_.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, password_.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpts);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return make_error("smtp", std::string("SMTP delivery failed: ") + curl_easy_strerror(rc));
  return true;
}

}  // namespace sp::notify
