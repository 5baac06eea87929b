using Saraban.Documents.Reading;
using Saraban.Workflow.Thai;

namespace Saraban.Documents.Rendering;

/// <summary>
/// The digits a letter prints in its address and contacts: Thai (๕๓๑๕๐, โทร. ๐ ๕๕๔๑ ๑๒๓๔), as the
/// regulation's letters write them, unless the deployment chose Western. The directory and clerks
/// type either set (the directory's addresses carry 10300), so the choice is made here, once,
/// for the PDF and the DOCX alike. E-mail addresses are left as typed: they are not numbers.
/// </summary>
internal static class PrintedDigits
{
    public static LetterDocument Apply(LetterDocument letter, bool western)
    {
        string? D(string? text) => text is null ? null : western ? ThaiDigits.ToWestern(text) : ThaiDigits.ToThai(text);
        var unit = letter.Fields.OwningUnit;
        var printedUnit = unit is null ? null : unit with
        {
            Telephone = D(unit.Telephone),
            Fax = D(unit.Fax),
            Coordinators = unit.Coordinators.Select(c => c with { Telephone = D(c.Telephone) }).ToList(),
        };
        return letter with { SenderAddress = D(letter.SenderAddress), Fields = letter.Fields with { OwningUnit = printedUnit } };
    }
}
