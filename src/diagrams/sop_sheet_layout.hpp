#pragma once
// Lays an SOP out as its official sheet (Permenpan-RB 35/2012): a first page with the identity
// block (the unit, Nomor SOP, the dates, Disahkan oleh, Nama SOP) and the six context boxes, then
// the procedure table (No, Uraian Kegiatan, a column per Pelaksana, Mutu Baku: Kelengkapan, Waktu,
// Output, Keterangan) with the flowchart drawn in the Pelaksana columns, repeated header and
// off-page connectors where the table breaks. Computed from the definition the engine executes,
// so the sheet cannot drift from what the software does.
#include <string_view>

#include "catalog/office.hpp"
#include "catalog/sop.hpp"
#include "diagrams/sheet_geometry.hpp"

namespace sp::diagrams {

enum class Paper { A4, F4 };  // both landscape; F4 is 215 x 330 mm

// How wide a line of text is, in points, in the font the writers paint with.
class TextMeasure {
 public:
  virtual ~TextMeasure() = default;
  virtual double width(std::string_view utf8, bool bold, double size) const = 0;
};

struct SheetOptions {
  Paper paper = Paper::A4;
};

// `office` may be null (an SOP checked before its office is known): the unit is then its code.
sheet::Sheet layout_sop_sheet(const Sop& sop, const Office* office, const TextMeasure& measure,
                              const SheetOptions& options = {});

}  // namespace sp::diagrams
