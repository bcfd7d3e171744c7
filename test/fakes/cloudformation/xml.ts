// Writes awsQuery XML responses. A result is a plain object: its keys become elements in order,
// arrays become `<member>` lists, dates ISO 8601 timestamps (the SDK's default for awsQuery), and
// undefined members are left out, as the service leaves out members it has no value for.

const NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/"

export type XmlValue = string | number | boolean | Date | undefined | XmlValue[] | { [key: string]: XmlValue }

export function successXml(action: string, result: Record<string, XmlValue>, requestId: string): string {
  return (
    `<${action}Response xmlns="${NAMESPACE}">` +
    `<${action}Result>${children(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>`
  )
}

export function errorXml(type: string, code: string, message: string, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${NAMESPACE}">` +
    `<Error><Type>${escape(type)}</Type><Code>${escape(code)}</Code><Message>${escape(message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId>` +
    `</ErrorResponse>`
  )
}

function children(object: { [key: string]: XmlValue }): string {
  return Object.entries(object)
    .map(([name, value]) => element(name, value))
    .join("")
}

function element(name: string, value: XmlValue): string {
  if (value === undefined) return ""
  return `<${name}>${content(value)}</${name}>`
}

function content(value: XmlValue): string {
  if (value === undefined) return ""
  if (Array.isArray(value)) return value.map((item) => element("member", item)).join("")
  if (value instanceof Date) return value.toISOString()
  if (typeof value === "object") return children(value)
  return escape(String(value))
}

function escape(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#xD;")
}
