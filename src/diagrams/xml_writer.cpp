#include "diagrams/xml_writer.hpp"

#include <libxml/xmlwriter.h>

#include <cmath>
#include <cstdio>

namespace sp::diagrams {

std::string decimal(double v) {
  char buf[32];
  const double rounded = std::round(v * 100) / 100;
  std::snprintf(buf, sizeof buf, "%.2f", rounded == 0 ? 0.0 : rounded);  // never "-0"
  std::string s(buf);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

XmlWriter::XmlWriter() : buffer_(xmlBufferCreate()), w_(buffer_ ? xmlNewTextWriterMemory(buffer_, 0) : nullptr) {
  ok_ = w_ != nullptr;
  if (w_) {
    xmlTextWriterSetIndent(w_, 1);
    xmlTextWriterSetIndentString(w_, BAD_CAST "  ");
  }
}

XmlWriter::~XmlWriter() {
  if (w_) xmlFreeTextWriter(w_);
  if (buffer_) xmlBufferFree(buffer_);
}

void XmlWriter::start_document() { check(xmlTextWriterStartDocument(w_, nullptr, "UTF-8", nullptr)); }
void XmlWriter::start(const char* name) { check(xmlTextWriterStartElement(w_, BAD_CAST name)); }
void XmlWriter::attr(const char* name, const std::string& value) {
  check(xmlTextWriterWriteAttribute(w_, BAD_CAST name, BAD_CAST value.c_str()));
}
void XmlWriter::attr(const char* name, double value) { attr(name, decimal(value)); }
void XmlWriter::text(const std::string& value) { check(xmlTextWriterWriteString(w_, BAD_CAST value.c_str())); }
void XmlWriter::end() { check(xmlTextWriterEndElement(w_)); }

std::string XmlWriter::finish() {
  check(xmlTextWriterEndDocument(w_));
  xmlFreeTextWriter(w_);  // flushes into the buffer
  w_ = nullptr;
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_)),
                     static_cast<std::size_t>(xmlBufferLength(buffer_)));
}

}  // namespace sp::diagrams
