import { styleTags, tags as t } from '@lezer/highlight';
import { parser } from './gf.parser';

/** Highlight tags for the .gf grammar's nodes (CodeMirror's syntaxHighlighting reads them). */
export const gfHighlighting = styleTags({
  'graph note option default checkpoint group kind layer objective check within switch else': t.keyword,
  'input param frozen constant': t.modifier,
  'true false': t.bool,
  null: t.null,
  Number: t.number,
  String: t.string,
  LineComment: t.lineComment,
  'Call/Ident/Name Call/Ident/QuotedName': t.function(t.variableName),
  'Assign/Ident/Name Assign/Ident/QuotedName': t.definition(t.variableName),
  'Ident/Name Ident/QuotedName': t.variableName,
  'AnnotationKey/Name KeywordArg/Name': t.propertyName,
  'Plus Minus Star Slash At Dot Caret': t.arithmeticOperator,
  CompareOp: t.compareOperator,
  '"=" "=>"': t.definitionOperator,
  '( )': t.paren,
  '[ ]': t.squareBracket,
  '{ }': t.brace,
});

/** The Lezer parser of .gf with highlighting props: hand it to CodeMirror's LRLanguage.define({ parser }). */
export const gfParser = parser.configure({ props: [gfHighlighting] });
