#pragma once
// A thin owner of libxml2's text writer, for the XML satupintu writes (BPMN, SVG): escaping and
// encoding are the library's. Every call is checked once, at the end (ok()).
#include <string>

struct _xmlBuffer;
struct _xmlTextWriter;

namespace sp::diagrams {

// `v` with at most two decimals and no trailing zeros ("12.5"): coordinates in points.
std::string decimal(double v);

class XmlWriter {
 public:
  XmlWriter();
  ~XmlWriter();
  XmlWriter(const XmlWriter&) = delete;
  XmlWriter& operator=(const XmlWriter&) = delete;

  bool ok() const { return ok_; }
  void start_document();
  void start(const char* name);
  void attr(const char* name, const std::string& value);
  void attr(const char* name, int value) { attr(name, std::to_string(value)); }
  void attr(const char* name, double value);  // as decimal(value)
  void text(const std::string& value);
  void end();
  void element(const char* name, const std::string& value) {
    start(name);
    text(value);
    end();
  }
  // The document, closed; the writer is spent.
  std::string finish();

 private:
  void check(int rc) {
    if (rc < 0) ok_ = false;
  }
  _xmlBuffer* buffer_;
  _xmlTextWriter* w_;
  bool ok_ = true;
};

}  // namespace sp::diagrams
