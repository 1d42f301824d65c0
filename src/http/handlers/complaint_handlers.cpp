// Complaints (service/complaints.hpp): filed and looked up by anyone, handled by the office.
#include "http/api.hpp"
#include "http/handler_support.hpp"
#include "http/json_body.hpp"
#include "service/complaints.hpp"

namespace sp::http {

namespace {

using nlohmann::json;

json when(const std::optional<Instant>& t, ZoneOffset z) { return t ? json(format_instant(*t, z)) : json(nullptr); }

json encode(const service::ComplaintView& v, bool with_contact) {
  json attachments = json::array();
  for (const auto& a : v.attachments)
    attachments.push_back({{"id", a.id}, {"filename", a.filename}, {"content_type", a.content_type}, {"size", a.size}});
  json j{{"id", v.id},
         {"number", v.number},
         {"office", v.office},
         {"status", v.status},
         {"application_id", v.application_id ? json(v.application_id->value) : json(nullptr)},
         {"registration_number", v.registration_number.empty() ? json(nullptr) : json(v.registration_number)},
         {"subject", v.subject},
         {"body", v.body},
         {"answer", v.answer.empty() ? json(nullptr) : json(v.answer)},
         {"filed_at", format_instant(v.filed, v.zone)},
         {"due_at", format_instant(v.due, v.zone)},
         {"answered_at", when(v.answered, v.zone)},
         {"closed_at", when(v.closed, v.zone)},
         {"overdue", v.overdue},
         {"attachments", attachments},
         {"version", v.version}};
  if (with_contact) {
    j["filer"] = {{"name", v.filer_name},
                  {"email", v.filer_email.empty() ? json(nullptr) : json(v.filer_email)},
                  {"phone", v.filer_phone.empty() ? json(nullptr) : json(v.filer_phone)},
                  {"with_account", v.with_account}};
    j["assigned_to"] = v.assigned_to ? json({{"id", *v.assigned_to}, {"name", v.assigned_name}}) : json(nullptr);
    j["answered_by"] = v.answered_by_name.empty() ? json(nullptr) : json(v.answered_by_name);
    j["working_minutes_left"] = v.working_minutes_left;
  }
  return j;
}

HttpResponse encoded(const Result<service::ComplaintView>& r) {
  if (!r) return problem_from(r.error());
  return json_response(encode(*r, true));
}

HttpResponse file(RequestContext& ctx) {
  SP_TRY(j, parse_object(ctx.request.body, {"office", "registration_number", "subject", "body", "name", "email", "phone"},
                         {"office", "subject", "body"}));
  service::ComplaintForm f;
  SP_TRY(office, string_field(j, "office", true, 60));
  SP_TRY(registration, string_field(j, "registration_number", false, 80));
  SP_TRY(subject, string_field(j, "subject", true, 400));
  SP_TRY(body, string_field(j, "body", true, 8000));
  SP_TRY(name, string_field(j, "name", false, 400));
  SP_TRY(email, string_field(j, "email", false, 320));
  SP_TRY(phone, string_field(j, "phone", false, 40));
  f = {office, registration, subject, body, name, email, phone};
  SP_TRY(receipt, service::file_complaint(ctx.app, ctx.principal, f));
  HttpResponse res = json_response({{"number", receipt.number},
                                    {"office", receipt.office},
                                    {"office_name", receipt.office_name},
                                    {"filed_at", format_instant(receipt.filed, receipt.zone)},
                                    {"due_at", format_instant(receipt.due, receipt.zone)},
                                    {"attachment_key", receipt.attachment_key}},
                                   201);
  res.headers.emplace_back("Location", "/api/v1/complaints/" + receipt.number);
  return res;
}

HttpResponse attach(RequestContext& ctx) {
  if (const auto type = ctx.request.header("content-type"); type && type->rfind("multipart/", 0) == 0)
    return problem(415, "unsupported_media_type",
                   "send the file's bytes as the request body (application/pdf, image/jpeg or image/png) with its name "
                   "in ?filename=; multipart/form-data is not accepted here");
  const auto key = ctx.request.header("x-complaint-key");
  std::string filename;
  if (auto f = ctx.request.query.find("filename"); f != ctx.request.query.end()) filename = f->second;
  SP_TRY(stored, service::attach_to_complaint(ctx.app, ctx.params["number"], key ? std::string(*key) : std::string(),
                                               filename, ctx.request.body));
  return json_response({{"id", stored.id}, {"filename", stored.filename}, {"content_type", stored.content_type},
                        {"size", stored.size}},
                       201);
}

HttpResponse lookup(RequestContext& ctx) {
  SP_TRY(v, service::public_complaint(ctx.app, ctx.params["number"]));
  HttpResponse res = json_response({{"number", v.number},
                                    {"office_name", v.office_name},
                                    {"about", v.about_a_file ? "application" : "service"},
                                    {"status", v.status},
                                    {"filed_at", format_instant(v.filed, v.zone)},
                                    {"due_at", format_instant(v.due, v.zone)},
                                    {"answered_at", when(v.answered, v.zone)},
                                    {"closed_at", when(v.closed, v.zone)},
                                    {"overdue", v.overdue},
                                    {"answer", v.answer.empty() ? json(nullptr) : json(v.answer)}});
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

HttpResponse mine(RequestContext& ctx) {
  SP_TRY(list, service::my_complaints(ctx.app, *ctx.principal));
  json items = json::array();
  for (const auto& v : list) items.push_back(encode(v, false));
  return json_response({{"items", items}});
}

HttpResponse office_list(RequestContext& ctx) {
  SP_TRY(list, service::office_complaints(ctx.app, *ctx.principal, query_param(ctx, "status")));
  json items = json::array();
  long long open = 0, overdue = 0;
  for (const auto& v : list) {
    items.push_back(encode(v, true));
    open += v.status == "received" ? 1 : 0;
    overdue += v.status == "received" && v.overdue ? 1 : 0;
  }
  return json_response({{"items", items}, {"open", open}, {"overdue", overdue}});
}

template <class Fn>
HttpResponse by_complaint(RequestContext& ctx, Fn fn) {
  auto id = id_param(ctx, "id");
  if (!id) return problem(404, "not_found", "no such complaint");
  return fn(*id);
}

HttpResponse office_one(RequestContext& ctx) {
  return by_complaint(ctx, [&](long long id) { return encoded(service::office_complaint(ctx.app, *ctx.principal, id)); });
}

HttpResponse assign(RequestContext& ctx) {
  return by_complaint(ctx, [&](long long id) {
    SP_TRY(j, parse_object(ctx.request.body, {"officer_id", "version"}, {"officer_id"}));
    SP_TRY(officer, int_field(j, "officer_id", true));
    SP_TRY(version, int_field(j, "version", false));
    return encoded(service::assign_complaint(ctx.app, *ctx.principal, id, *officer,
                                             version ? std::optional<int>(static_cast<int>(*version)) : std::nullopt));
  });
}

HttpResponse answer(RequestContext& ctx) {
  return by_complaint(ctx, [&](long long id) {
    SP_TRY(j, parse_object(ctx.request.body, {"answer", "version"}, {"answer"}));
    SP_TRY(text, string_field(j, "answer", true, 8000));
    SP_TRY(version, int_field(j, "version", false));
    return encoded(service::answer_complaint(ctx.app, *ctx.principal, id, text,
                                             version ? std::optional<int>(static_cast<int>(*version)) : std::nullopt));
  });
}

HttpResponse close(RequestContext& ctx) {
  return by_complaint(ctx, [&](long long id) {
    SP_TRY(j, parse_object(ctx.request.body.empty() ? "{}" : ctx.request.body, {"version"}, {}));
    SP_TRY(version, int_field(j, "version", false));
    return encoded(service::close_complaint(ctx.app, *ctx.principal, id,
                                            version ? std::optional<int>(static_cast<int>(*version)) : std::nullopt));
  });
}

HttpResponse attachment(RequestContext& ctx) {
  auto id = id_param(ctx, "id");
  auto file_id = id_param(ctx, "file");
  if (!id || !file_id) return problem(404, "not_found", "no such file");
  SP_TRY(content, service::complaint_attachment(ctx.app, *ctx.principal, *id, *file_id));
  HttpResponse res;
  res.content_type = content.content_type;
  res.body = std::move(content.bytes);
  res.headers.emplace_back("Content-Disposition", content_disposition("inline", content.filename));
  res.headers.emplace_back("Cache-Control", "private, no-store");
  res.same_origin_frame = true;
  return res;
}

}  // namespace

void add_complaint_routes(Router& r) {
  r.add("POST", "/api/v1/complaints", Access::Public, file);
  // The file's own type is checked from its bytes; the receipt's key (a header no cross-site
  // form can send) is what allows the upload, so any body type is let through to the check.
  r.add("POST", "/api/v1/complaints/{number}/attachments", Access::Public, attach, "");
  r.add("GET", "/api/v1/complaints/{number}", Access::Public, lookup);
  r.add("GET", "/api/v1/me/complaints", Access::SignedIn, mine);
  r.add("GET", "/api/v1/office/complaints", Access::SignedIn, office_list);
  r.add("GET", "/api/v1/office/complaints/{id}", Access::SignedIn, office_one);
  r.add("POST", "/api/v1/office/complaints/{id}/assignment", Access::SignedIn, assign);
  r.add("POST", "/api/v1/office/complaints/{id}/answer", Access::SignedIn, answer);
  r.add("POST", "/api/v1/office/complaints/{id}/closure", Access::SignedIn, close);
  r.add("GET", "/api/v1/office/complaints/{id}/attachments/{file}", Access::SignedIn, attachment);
}

}  // namespace sp::http
