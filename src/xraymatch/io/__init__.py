"""Readers for CT volumes (NIfTI, NRRD/MHA, DICOM series, InVesalius projects) and DICOM de-identification."""
