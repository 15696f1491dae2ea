/// How an archive request treats an existing session (`xnat-import-spec.md` §1.5, §6.4, §6.5).
///
/// `overwrite` maps to two flags: absent → neither; `append` → merge; `delete` (legacy) and `override` → merge
/// and override soft exceptions; any other value (`true`, `none`) → merge. `overwrite_files=true`, the override,
/// or an AutoArchiveOverwrite code also let incoming files replace archived ones with the same identity.
package struct ArchiveOptions: Sendable, Equatable {
    /// Merge into an existing session instead of answering 409.
    package var allowSessionMerge: Bool
    /// Override soft checks: UID change, validation, scans that moved (XNAT's `overrideExceptions`).
    package var overrideExceptions: Bool
    /// Let incoming files replace archived files with the same SOPInstanceUID or path.
    package var overwriteFiles: Bool
    /// Put the archived session in quarantine (`quarantine=true`).
    package var quarantine: Bool
    /// Run the site's post-archive actions (`triggerPipelines`, default true).
    package var triggerPipelines: Bool

    /// Options with the given flags; by default nothing is merged or overwritten.
    package init(
        allowSessionMerge: Bool = false,
        overrideExceptions: Bool = false,
        overwriteFiles: Bool = false,
        quarantine: Bool = false,
        triggerPipelines: Bool = true
    ) {
        self.allowSessionMerge = allowSessionMerge
        self.overrideExceptions = overrideExceptions
        self.overwriteFiles = overwriteFiles || overrideExceptions
        self.quarantine = quarantine
        self.triggerPipelines = triggerPipelines
    }

    /// Reads `overwrite`, `overwrite_files`, `quarantine` and `triggerPipelines` (also xnatpy's misspelt
    /// `tiggerPipelines`) from request parameters.
    package init(parameters: [String: String]) {
        func value(_ name: String) -> String? {
            let text = parameters[name]?.trimmingASCIIWhitespace() ?? ""
            return text.isEmpty ? nil : text.lowercased()
        }
        let overwrite = value("overwrite")
        let pipelines = value("triggerPipelines") ?? value("tiggerPipelines")
        self.init(
            allowSessionMerge: overwrite != nil,
            overrideExceptions: overwrite == "delete" || overwrite == "override",
            overwriteFiles: value("overwrite_files") == "true",
            quarantine: value("quarantine") == "true",
            triggerPipelines: !["false", "no", "off", "f", "n", "0"].contains(pipelines ?? "")
        )
    }
}
