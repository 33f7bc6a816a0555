"""DICOM de-identification at ingestion: salted case ids and a whitelist of technical header fields.

Nothing read from a DICOM header leaves ingestion except `TECHNICAL_FIELDS`. `BASIC_PROFILE_KEYWORDS` lists the
attributes that DICOM PS3.15 Annex E (Basic Application Level Confidentiality Profile, Table E.1-1) treats as
identifying; a test asserts the two sets never meet, so widening the whitelist cannot leak an identifier.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
from typing import Any

log = logging.getLogger(__name__)

SALT_ENV = "XRAYMATCH_CASE_SALT"
PUBLIC_DEFAULT_SALT = "xraymatch-public-default-salt"

# PS3.15 Annex E, Table E.1-1: attributes the basic profile removes, empties or replaces (keywords).
BASIC_PROFILE_KEYWORDS: frozenset[str] = frozenset(
    {
        "AccessionNumber", "AcquisitionComments", "AcquisitionContextSequence", "AcquisitionDate",
        "AcquisitionDateTime", "AcquisitionDeviceProcessingDescription", "AcquisitionTime",
        "ActualHumanPerformersSequence", "AdditionalPatientHistory", "AdmissionID", "AdmittingDate",
        "AdmittingDiagnosesCodeSequence", "AdmittingDiagnosesDescription", "AdmittingTime", "Allergies",
        "Arbitrary", "AuthorObserverSequence", "BranchOfService", "CommentsOnThePerformedProcedureStep",
        "ConcatenationUID", "ConfidentialityConstraintOnPatientDataDescription", "ContentCreatorName",
        "ContentDate", "ContentTime", "ContextGroupExtensionCreatorUID", "ContributionDescription",
        "CountryOfResidence", "CurrentPatientLocation", "CurveDate", "CurveTime", "CustodialOrganizationSequence",
        "DataSetTrailingPadding", "DerivationDescription", "DetectorID", "DeviceSerialNumber", "DeviceUID",
        "DigitalSignaturesSequence", "DimensionOrganizationUID", "DischargeDiagnosisDescription", "EthnicGroup",
        "FrameOfReferenceUID", "GantryID", "GeneratorID", "IconImageSequence", "IdentifyingComments",
        "ImageComments", "InstanceCreationDate", "InstanceCreationTime", "InstanceCreatorUID", "InstitutionAddress",
        "InstitutionalDepartmentName", "InstitutionName", "InsurancePlanIdentification", "IrradiationEventUID",
        "IssuerOfAdmissionID", "IssuerOfPatientID", "IssuerOfServiceEpisodeID", "LastMenstrualDate",
        "MedicalAlerts", "MedicalRecordLocator", "MilitaryRank", "ModifiedAttributesSequence",
        "ModifiedImageDescription", "ModifyingDeviceID", "NameOfPhysiciansReadingStudy",
        "NamesOfIntendedRecipientsOfResults", "Occupation", "OperatorsName", "OriginalAttributesSequence",
        "OrderCallbackPhoneNumber", "OrderEnteredBy", "OrderEntererLocation", "OtherPatientIDs",
        "OtherPatientIDsSequence", "OtherPatientNames", "OverlayDate", "OverlayTime", "ParticipantSequence",
        "PatientAddress", "PatientAge", "PatientBirthDate", "PatientBirthName", "PatientBirthTime",
        "PatientComments", "PatientID", "PatientInsurancePlanCodeSequence", "PatientMotherBirthName", "PatientName",
        "PatientPrimaryLanguageCodeSequence", "PatientReligiousPreference", "PatientSex", "PatientSexNeutered",
        "PatientSize", "PatientState", "PatientTelephoneNumbers", "PatientTransportArrangements", "PatientWeight",
        "PerformedLocation", "PerformedProcedureStepDescription", "PerformedProcedureStepID",
        "PerformedProcedureStepStartDate", "PerformedProcedureStepStartTime",
        "PerformingPhysicianIdentificationSequence", "PerformingPhysicianName", "PersonAddress",
        "PersonIdentificationCodeSequence", "PersonName", "PersonTelephoneNumbers",
        "PhysicianApprovingInterpretation", "PhysiciansOfRecord", "PhysiciansOfRecordIdentificationSequence",
        "PhysiciansReadingStudyIdentificationSequence", "PlateID", "PreMedication", "PregnancyStatus",
        "ReasonForTheImagingServiceRequest", "ReasonForStudy", "ReferencedImageSequence",
        "ReferencedPatientAliasSequence", "ReferencedPatientSequence", "ReferencedPerformedProcedureStepSequence",
        "ReferencedSOPInstanceUID", "ReferencedStudySequence", "ReferringPhysicianAddress",
        "ReferringPhysicianIdentificationSequence", "ReferringPhysicianName", "ReferringPhysicianTelephoneNumbers",
        "RegionOfResidence", "RelatedFrameOfReferenceUID", "RequestAttributesSequence", "RequestedContrastAgent",
        "RequestedProcedureComments", "RequestedProcedureDescription", "RequestedProcedureID",
        "RequestedProcedureLocation", "RequestingPhysician", "RequestingService", "ResponsibleOrganization",
        "ResponsiblePerson", "ResultsComments", "ResultsDistributionListSequence", "ResultsIDIssuer",
        "ScheduledHumanPerformersSequence", "ScheduledPatientInstitutionResidence",
        "ScheduledPerformingPhysicianIdentificationSequence", "ScheduledPerformingPhysicianName",
        "ScheduledProcedureStepEndDate", "ScheduledProcedureStepEndTime", "ScheduledProcedureStepLocation",
        "ScheduledProcedureStepStartDate", "ScheduledProcedureStepStartTime", "ScheduledStationAETitle",
        "ScheduledStationGeographicLocationCodeSequence", "ScheduledStationName", "ScheduledStudyLocation",
        "ScheduledStudyLocationAETitle", "SeriesDate", "SeriesDescription", "SeriesInstanceUID", "SeriesTime",
        "ServiceEpisodeDescription", "ServiceEpisodeID", "SmokingStatus", "SOPInstanceUID", "SourceImageSequence",
        "SpecialNeeds", "StationName", "StorageMediaFileSetUID", "StudyComments", "StudyDate", "StudyDescription",
        "StudyID", "StudyIDIssuer", "StudyInstanceUID", "StudyTime", "SynchronizationFrameOfReferenceUID",
        "TemplateExtensionCreatorUID", "TemplateExtensionOrganizationUID", "TextComments", "TextString",
        "TimezoneOffsetFromUTC", "TopicAuthor", "TopicKeywords", "TopicSubject", "TopicTitle", "TransactionUID",
        "UID", "VerifyingObserverIdentificationCodeSequence", "VerifyingObserverName", "VerifyingObserverSequence",
        "VerifyingOrganization", "VisitComments", "MediaStorageSOPInstanceUID",
    }
)  # fmt: skip

# The only header values allowed past ingestion (technical, non-identifying).
TECHNICAL_FIELDS: dict[str, str] = {"Modality": "modality", "KVP": "kvp", "BodyPartExamined": "body_part"}


def technical_fields(dataset: Any) -> dict[str, Any]:
    """Whitelisted technical header values of one DICOM dataset, under snake_case names."""
    out: dict[str, Any] = {}
    for keyword, name in TECHNICAL_FIELDS.items():
        value = getattr(dataset, keyword, None)
        if value is None or value == "":
            continue
        out[name] = float(value) if keyword == "KVP" else str(value).upper()
    return out


def resolve_salt(configured: str | None) -> str:
    """The case-id salt: $XRAYMATCH_CASE_SALT, else params `ingest.case_id_salt`, else the public default."""
    return os.environ.get(SALT_ENV) or configured or PUBLIC_DEFAULT_SALT


def case_id_for(source_key: str, salt: str) -> str:
    """A stable pseudonymous case id: HMAC-SHA256 of the source key (path or series UID) under the salt."""
    digest = hmac.new(salt.encode(), source_key.encode(), hashlib.sha256).hexdigest()
    return f"ct-{digest[:16]}"
