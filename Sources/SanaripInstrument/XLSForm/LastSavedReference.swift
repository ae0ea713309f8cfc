/// `${last-saved#name}`: the answer to `name` in the form last saved on the device (ODK's `jr://instance/last-saved`),
/// as pyxform 4.5.0 reads it (`Survey._var_repl_function`, `_generate_last_saved_instance`): always the absolute
/// path into the instance `__last-saved`, which the XForm declares when a question's default, choice filter or
/// bind expression uses such a reference.
enum LastSavedReference {
    static let instanceID = "__last-saved"
    static let source = "jr://instance/last-saved"
    private static let prefix = "last-saved#"

    /// The question that the reference `name` (the text between `${` and `}`) reads from the last saved form, or
    /// nil for a plain `${name}`.
    static func question(in name: String) -> String? {
        name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : nil
    }

    /// The question the reference `name` names, with or without `last-saved#`.
    static func questionName(_ name: String) -> String {
        question(in: name) ?? name
    }

    /// The XPath of a question's answer in the last saved form, from the question's absolute path.
    static func xpath(of absolutePath: String) -> String {
        "instance('\(instanceID)')" + absolutePath
    }

    /// Whether `text` holds a `${last-saved#…}` reference.
    static func isUsed(in text: String) -> Bool {
        text.contains("${" + prefix)
    }
}
