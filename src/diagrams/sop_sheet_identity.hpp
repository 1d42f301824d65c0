#pragma once
// The SOP sheet's first page: the identity block (the unit's name beside the SOP's number,
// dates, approver and name) and the six context boxes below it (legal basis, qualifications,
// related SOPs, equipment, warnings, records). Used by the sheet's layout only.
#include "diagrams/sheet_text.hpp"

namespace sp::diagrams {

// Draws the first page on `page` (its width and height set), its text scaled down step by step
// from full size until it fits between the margins above the footer.
void draw_identity_page(sheet::Page& page, const Sop& sop, const Office* office, const Wrapper& w, double margin,
                        double footer);

}  // namespace sp::diagrams
