/// How a study with both PET and MR images becomes sessions: the site preference `sitewidePetMr` or the
/// project's `separatePETMR` (`xnat-import-spec.md` §5.2 step 1, Appendix A). Raw values are the setting values.
package enum PETMRHandling: String, Sendable, CaseIterable {
    /// One PET session.
    case pet = "pet"
    /// One PET/MR session (also what an unset preference means).
    case petmr = "petmr"
    /// PET when every MR series is an attenuation-correction series (`MRAC` in its description), else PET/MR,
    /// which the prearchive's Separate operation later splits.
    case separate = "separate"
}
