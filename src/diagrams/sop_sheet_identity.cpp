#include "diagrams/sop_sheet_identity.hpp"

#include <algorithm>
#include <utility>

#include "core/civil_time.hpp"
#include "core/text.hpp"

namespace sp::diagrams {

using namespace sheet;

namespace {

std::string long_date(const std::string& iso) {
  if (iso.empty()) return "";
  auto d = parse_date(iso);
  return d ? ascii_upper(format_date_long_id(*d)) : iso;
}


class IdentityPage {
 public:
  IdentityPage(const Sop& sop, const Office* office, const Wrapper& w, double margin, double content_width)
      : sop_(sop), office_(office), w_(w), margin_(margin), width_(content_width) {}

  std::vector<std::string> unit_lines() const {
    if (office_ && !office_->letterhead.empty()) return office_->letterhead;
    if (office_) return {ascii_upper(office_->name)};
    return {ascii_upper(sop_.office)};
  }

  struct ContextBox {
    std::string heading;
    std::vector<std::string> items;
    std::string second_heading;  // Dasar Hukum: the rules in force today, when they differ
    std::vector<std::string> second_items;
  };

  std::vector<ContextBox> context_boxes() const {
    const SopIdentity& id = sop_.identity;
    ContextBox legal{"DASAR HUKUM:", sop_.permit.legal_basis.as_written, "", {}};
    if (legal.items.empty()) legal.items = sop_.permit.legal_basis.current;
    else if (!sop_.permit.legal_basis.current.empty() && sop_.permit.legal_basis.current != legal.items) {
      legal.second_heading = "Ketentuan yang berlaku saat ini:";
      legal.second_items = sop_.permit.legal_basis.current;
    }
    return {legal,
            {"KUALIFIKASI PELAKSANA:", id.executor_qualifications, "", {}},
            {"KETERKAITAN:", id.related_sops, "", {}},
            {"PERALATAN/PERLENGKAPAN:", id.equipment, "", {}},
            {"PERINGATAN:", id.warnings, "", {}},
            {"PENCATATAN DAN PENDATAAN:", id.records, "", {}}};
  }

  // Draws (or, with `draw` false, measures) the first page at text scale `s`; returns its height.
  double identity(Page& page, double s, bool draw) {
    Painter p(page, w_);
    const double x0 = margin_, y0 = margin_, W = width_;
    const double left_w = W * 0.42, right_w = W - left_w, label_w = right_w * 0.3;
    const double body = 8 * s, unit_size = 11 * s;
    const SopIdentity& id = sop_.identity;
    const std::string approver = id.approved_by + (id.approver_nip.empty() ? "" : "\nNIP " + id.approver_nip);
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"NOMOR SOP", id.number},
        {"TANGGAL PEMBUATAN", long_date(id.created)},
        {"TANGGAL REVISI", long_date(id.revised)},
        {"TANGGAL EFEKTIF", long_date(id.effective)},
        {"DISAHKAN OLEH", approver},
        {"NAMA SOP", id.name.empty() ? ascii_upper(sop_.permit.name) : id.name}};
    double y = y0;
    const double value_x = x0 + left_w + label_w;
    for (const auto& [label, value] : rows) {
      const bool bold_value = label == "NAMA SOP";
      const double h = std::max(p.block(label, {x0 + left_w, y, label_w, 0}, true, body, Align::Left, false),
                                p.block(value, {value_x, y, right_w - label_w, 0}, bold_value, body, Align::Left, false));
      if (draw) {
        p.block(label, {x0 + left_w, y, label_w, h}, true, body, Align::Left);
        p.block(value, {value_x, y, right_w - label_w, h}, bold_value, body, Align::Left);
        p.rule(x0 + left_w, y + h, x0 + W, y + h);
      }
      y += h;
    }
    const std::string unit = join(unit_lines(), "\n");
    const double unit_h = p.block(unit, {x0, y0, left_w, 0}, true, unit_size, Align::Center, false);
    const double top_h = std::max(y - y0, unit_h + 2 * kPad);
    if (draw) {
      p.block(unit, {x0, y0, left_w, top_h}, true, unit_size, Align::Center, true, top_h);
      p.frame({x0, y0, W, top_h});
      p.rule(x0 + left_w, y0, x0 + left_w, y0 + top_h);
      p.rule(value_x, y0, value_x, y);
    }
    y = y0 + top_h;

    const auto boxes = context_boxes();
    const double half = W / 2;
    for (std::size_t r = 0; r < boxes.size(); r += 2) {
      double h = 0;
      for (int pass = 0; pass < 2; ++pass) {
        for (std::size_t c = 0; c < 2; ++c) {
          const ContextBox& b = boxes[r + c];
          const double bx = x0 + static_cast<double>(c) * half + kPad, bw = half - 2 * kPad;
          const bool now = draw && pass == 1;
          double used = kPad;
          if (now) p.text_at(b.heading, bx, y + used + body, true, body);
          used += line_height(body);
          used += numbered(p, w_, b.items, bx, y + used, bw, body, now);
          if (!b.second_heading.empty()) {
            used += line_height(body) * 0.4;
            if (now) p.text_at(b.second_heading, bx, y + used + body, true, body);
            used += line_height(body);
            used += numbered(p, w_, b.second_items, bx, y + used, bw, body, now);
          }
          h = std::max(h, used + kPad);
        }
        if (!draw) break;
      }
      if (draw) {
        p.frame({x0, y, W, h});
        p.rule(x0 + half, y, x0 + half, y + h);
      }
      y += h;
    }
    return y - y0;
  }
 private:
  const Sop& sop_;
  const Office* office_;
  const Wrapper& w_;
  const double margin_, width_;
};

}  // namespace

void draw_identity_page(sheet::Page& page, const Sop& sop, const Office* office, const Wrapper& w, double margin,
                        double footer) {
  IdentityPage layout(sop, office, w, margin, page.width - 2 * margin);
  Page scratch;
  const double available = page.height - 2 * margin - footer;
  double s = 1.0;
  while (s > 0.55 && layout.identity(scratch, s, false) > available) s -= 0.05;
  layout.identity(page, s, true);
}

}  // namespace sp::diagrams
