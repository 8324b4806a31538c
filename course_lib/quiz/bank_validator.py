"""Generated from question.schema.json by fastjsonschema 2.22.3; do not edit.

Regenerate with `make bank-validator` after changing the schema (a test fails until you do).
"""
# flake8: noqa
# fmt: off
VERSION = "2.22.3"
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^[a-z0-9]+$': re.compile('^[a-z0-9]+\\Z'),
    '^[a-z0-9][a-z0-9-]*$': re.compile('^[a-z0-9][a-z0-9-]*\\Z'),
    '^[a-z][a-z_]*$': re.compile('^[a-z][a-z_]*\\Z')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'title': 'Question bank file', 'description': "One file of the course's question bank: single/multiple choice, numeric and scenario questions. Cross-references (criterion ids, trait names, unique ids) are checked in course_lib/quiz/bank.py.", 'type': 'object', 'required': ['questions'], 'additionalProperties': False, 'properties': {'title': {'type': 'string'}, 'questions': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'type', 'prompt', 'objective', 'difficulty', 'explanation', 'hint', 'notebooks'], 'properties': {'id': {'$ref': '#/$defs/id'}, 'type': {'enum': ['single', 'multiple', 'numeric', 'scenario']}, 'title': {'type': 'string'}, 'prompt': {'$ref': '#/$defs/text'}, 'objective': {'enum': ['LO1', 'LO2', 'LO3', 'LO4', 'LO5', 'LO6', 'LO7']}, 'difficulty': {'enum': ['easy', 'medium', 'hard']}, 'explanation': {'$ref': '#/$defs/text'}, 'hint': {'$ref': '#/$defs/text'}, 'notebooks': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, 'source': {'type': 'string'}, 'concepts': {'type': 'array', 'items': {'type': 'string'}}, 'options': True, 'answer': True, 'unit': True, 'abs_tol': True, 'rel_tol': True, 'misconceptions': True, 'traits': True, 'accepted': True, 'criteria': True, 'related_criteria': True, 'rejected': True, 'model_answer': True, 'key_note': True}, 'additionalProperties': False, 'allOf': [{'if': {'properties': {'type': {'enum': ['single', 'multiple']}}, 'required': ['type']}, 'then': {'required': ['options'], 'properties': {'options': {'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'$ref': '#/$defs/text'}}}}, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'numeric'}}, 'required': ['type']}, 'then': {'required': ['answer', 'unit'], 'anyOf': [{'required': ['abs_tol']}, {'required': ['rel_tol']}], 'properties': {'answer': {'type': 'number'}, 'unit': {'type': 'string', 'minLength': 1}, 'abs_tol': {'type': 'number', 'minimum': 0}, 'rel_tol': {'type': 'number', 'minimum': 0, 'maximum': 0.5}, 'misconceptions': {'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'$ref': '#/$defs/text'}}}}, 'options': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'scenario'}}, 'required': ['type']}, 'then': {'required': ['traits', 'accepted', 'criteria', 'model_answer'], 'properties': {'traits': {'type': 'object', 'minProperties': 1}, 'accepted': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'$ref': '#/$defs/approach'}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'$ref': '#/$defs/text'}, 'criteria': {'type': 'array', 'items': {'$ref': '#/$defs/criterion'}}}}}, 'criteria': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'$ref': '#/$defs/criterion'}}, 'related_criteria': {'type': 'array', 'uniqueItems': True, 'items': {'$ref': '#/$defs/criterion'}}, 'rejected': {'type': 'object', 'propertyNames': {'$ref': '#/$defs/approach'}, 'additionalProperties': {'$ref': '#/$defs/text'}}, 'model_answer': {'$ref': '#/$defs/text'}, 'key_note': {'$ref': '#/$defs/text'}, 'options': False, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False}}}]}}}, '$defs': {'text': {'type': 'string', 'minLength': 3}, 'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'criterion': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'question': {'type': 'object', 'required': ['id', 'type', 'prompt', 'objective', 'difficulty', 'explanation', 'hint', 'notebooks'], 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'type': {'enum': ['single', 'multiple', 'numeric', 'scenario']}, 'title': {'type': 'string'}, 'prompt': {'type': 'string', 'minLength': 3}, 'objective': {'enum': ['LO1', 'LO2', 'LO3', 'LO4', 'LO5', 'LO6', 'LO7']}, 'difficulty': {'enum': ['easy', 'medium', 'hard']}, 'explanation': {'type': 'string', 'minLength': 3}, 'hint': {'type': 'string', 'minLength': 3}, 'notebooks': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, 'source': {'type': 'string'}, 'concepts': {'type': 'array', 'items': {'type': 'string'}}, 'options': True, 'answer': True, 'unit': True, 'abs_tol': True, 'rel_tol': True, 'misconceptions': True, 'traits': True, 'accepted': True, 'criteria': True, 'related_criteria': True, 'rejected': True, 'model_answer': True, 'key_note': True}, 'additionalProperties': False, 'allOf': [{'if': {'properties': {'type': {'enum': ['single', 'multiple']}}, 'required': ['type']}, 'then': {'required': ['options'], 'properties': {'options': {'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'numeric'}}, 'required': ['type']}, 'then': {'required': ['answer', 'unit'], 'anyOf': [{'required': ['abs_tol']}, {'required': ['rel_tol']}], 'properties': {'answer': {'type': 'number'}, 'unit': {'type': 'string', 'minLength': 1}, 'abs_tol': {'type': 'number', 'minimum': 0}, 'rel_tol': {'type': 'number', 'minimum': 0, 'maximum': 0.5}, 'misconceptions': {'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'options': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'scenario'}}, 'required': ['type']}, 'then': {'required': ['traits', 'accepted', 'criteria', 'model_answer'], 'properties': {'traits': {'type': 'object', 'minProperties': 1}, 'accepted': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'type': 'string', 'minLength': 3}, 'criteria': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}}}}, 'criteria': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'related_criteria': {'type': 'array', 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'rejected': {'type': 'object', 'propertyNames': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'additionalProperties': {'type': 'string', 'minLength': 3}}, 'model_answer': {'type': 'string', 'minLength': 3}, 'key_note': {'type': 'string', 'minLength': 3}, 'options': False, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False}}}]}}}, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['questions']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'title': 'Question bank file', 'description': "One file of the course's question bank: single/multiple choice, numeric and scenario questions. Cross-references (criterion ids, trait names, unique ids) are checked in course_lib/quiz/bank.py.", 'type': 'object', 'required': ['questions'], 'additionalProperties': False, 'properties': {'title': {'type': 'string'}, 'questions': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'type', 'prompt', 'objective', 'difficulty', 'explanation', 'hint', 'notebooks'], 'properties': {'id': {'$ref': '#/$defs/id'}, 'type': {'enum': ['single', 'multiple', 'numeric', 'scenario']}, 'title': {'type': 'string'}, 'prompt': {'$ref': '#/$defs/text'}, 'objective': {'enum': ['LO1', 'LO2', 'LO3', 'LO4', 'LO5', 'LO6', 'LO7']}, 'difficulty': {'enum': ['easy', 'medium', 'hard']}, 'explanation': {'$ref': '#/$defs/text'}, 'hint': {'$ref': '#/$defs/text'}, 'notebooks': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, 'source': {'type': 'string'}, 'concepts': {'type': 'array', 'items': {'type': 'string'}}, 'options': True, 'answer': True, 'unit': True, 'abs_tol': True, 'rel_tol': True, 'misconceptions': True, 'traits': True, 'accepted': True, 'criteria': True, 'related_criteria': True, 'rejected': True, 'model_answer': True, 'key_note': True}, 'additionalProperties': False, 'allOf': [{'if': {'properties': {'type': {'enum': ['single', 'multiple']}}, 'required': ['type']}, 'then': {'required': ['options'], 'properties': {'options': {'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'$ref': '#/$defs/text'}}}}, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'numeric'}}, 'required': ['type']}, 'then': {'required': ['answer', 'unit'], 'anyOf': [{'required': ['abs_tol']}, {'required': ['rel_tol']}], 'properties': {'answer': {'type': 'number'}, 'unit': {'type': 'string', 'minLength': 1}, 'abs_tol': {'type': 'number', 'minimum': 0}, 'rel_tol': {'type': 'number', 'minimum': 0, 'maximum': 0.5}, 'misconceptions': {'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'$ref': '#/$defs/text'}}}}, 'options': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'scenario'}}, 'required': ['type']}, 'then': {'required': ['traits', 'accepted', 'criteria', 'model_answer'], 'properties': {'traits': {'type': 'object', 'minProperties': 1}, 'accepted': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'$ref': '#/$defs/approach'}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'$ref': '#/$defs/text'}, 'criteria': {'type': 'array', 'items': {'$ref': '#/$defs/criterion'}}}}}, 'criteria': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'$ref': '#/$defs/criterion'}}, 'related_criteria': {'type': 'array', 'uniqueItems': True, 'items': {'$ref': '#/$defs/criterion'}}, 'rejected': {'type': 'object', 'propertyNames': {'$ref': '#/$defs/approach'}, 'additionalProperties': {'$ref': '#/$defs/text'}}, 'model_answer': {'$ref': '#/$defs/text'}, 'key_note': {'$ref': '#/$defs/text'}, 'options': False, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False}}}]}}}, '$defs': {'text': {'type': 'string', 'minLength': 3}, 'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'criterion': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'question': {'type': 'object', 'required': ['id', 'type', 'prompt', 'objective', 'difficulty', 'explanation', 'hint', 'notebooks'], 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'type': {'enum': ['single', 'multiple', 'numeric', 'scenario']}, 'title': {'type': 'string'}, 'prompt': {'type': 'string', 'minLength': 3}, 'objective': {'enum': ['LO1', 'LO2', 'LO3', 'LO4', 'LO5', 'LO6', 'LO7']}, 'difficulty': {'enum': ['easy', 'medium', 'hard']}, 'explanation': {'type': 'string', 'minLength': 3}, 'hint': {'type': 'string', 'minLength': 3}, 'notebooks': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, 'source': {'type': 'string'}, 'concepts': {'type': 'array', 'items': {'type': 'string'}}, 'options': True, 'answer': True, 'unit': True, 'abs_tol': True, 'rel_tol': True, 'misconceptions': True, 'traits': True, 'accepted': True, 'criteria': True, 'related_criteria': True, 'rejected': True, 'model_answer': True, 'key_note': True}, 'additionalProperties': False, 'allOf': [{'if': {'properties': {'type': {'enum': ['single', 'multiple']}}, 'required': ['type']}, 'then': {'required': ['options'], 'properties': {'options': {'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'numeric'}}, 'required': ['type']}, 'then': {'required': ['answer', 'unit'], 'anyOf': [{'required': ['abs_tol']}, {'required': ['rel_tol']}], 'properties': {'answer': {'type': 'number'}, 'unit': {'type': 'string', 'minLength': 1}, 'abs_tol': {'type': 'number', 'minimum': 0}, 'rel_tol': {'type': 'number', 'minimum': 0, 'maximum': 0.5}, 'misconceptions': {'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'options': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'scenario'}}, 'required': ['type']}, 'then': {'required': ['traits', 'accepted', 'criteria', 'model_answer'], 'properties': {'traits': {'type': 'object', 'minProperties': 1}, 'accepted': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'type': 'string', 'minLength': 3}, 'criteria': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}}}}, 'criteria': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'related_criteria': {'type': 'array', 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'rejected': {'type': 'object', 'propertyNames': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'additionalProperties': {'type': 'string', 'minLength': 3}}, 'model_answer': {'type': 'string', 'minLength': 3}, 'key_note': {'type': 'string', 'minLength': 3}, 'options': False, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False}}}]}}}, rule='required')
        data_keys = set(data.keys())
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            if not isinstance(data__title, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be string", value=data__title, name="" + (name_prefix or "data") + ".title", definition={'type': 'string'}, rule='type')
        if "questions" in data_keys:
            data_keys.remove("questions")
            data__questions = data["questions"]
            if not isinstance(data__questions, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".questions must be array", value=data__questions, name="" + (name_prefix or "data") + ".questions", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'type', 'prompt', 'objective', 'difficulty', 'explanation', 'hint', 'notebooks'], 'properties': {'id': {'$ref': '#/$defs/id'}, 'type': {'enum': ['single', 'multiple', 'numeric', 'scenario']}, 'title': {'type': 'string'}, 'prompt': {'$ref': '#/$defs/text'}, 'objective': {'enum': ['LO1', 'LO2', 'LO3', 'LO4', 'LO5', 'LO6', 'LO7']}, 'difficulty': {'enum': ['easy', 'medium', 'hard']}, 'explanation': {'$ref': '#/$defs/text'}, 'hint': {'$ref': '#/$defs/text'}, 'notebooks': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, 'source': {'type': 'string'}, 'concepts': {'type': 'array', 'items': {'type': 'string'}}, 'options': True, 'answer': True, 'unit': True, 'abs_tol': True, 'rel_tol': True, 'misconceptions': True, 'traits': True, 'accepted': True, 'criteria': True, 'related_criteria': True, 'rejected': True, 'model_answer': True, 'key_note': True}, 'additionalProperties': False, 'allOf': [{'if': {'properties': {'type': {'enum': ['single', 'multiple']}}, 'required': ['type']}, 'then': {'required': ['options'], 'properties': {'options': {'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'$ref': '#/$defs/text'}}}}, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'numeric'}}, 'required': ['type']}, 'then': {'required': ['answer', 'unit'], 'anyOf': [{'required': ['abs_tol']}, {'required': ['rel_tol']}], 'properties': {'answer': {'type': 'number'}, 'unit': {'type': 'string', 'minLength': 1}, 'abs_tol': {'type': 'number', 'minimum': 0}, 'rel_tol': {'type': 'number', 'minimum': 0, 'maximum': 0.5}, 'misconceptions': {'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'$ref': '#/$defs/text'}}}}, 'options': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'scenario'}}, 'required': ['type']}, 'then': {'required': ['traits', 'accepted', 'criteria', 'model_answer'], 'properties': {'traits': {'type': 'object', 'minProperties': 1}, 'accepted': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'$ref': '#/$defs/approach'}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'$ref': '#/$defs/text'}, 'criteria': {'type': 'array', 'items': {'$ref': '#/$defs/criterion'}}}}}, 'criteria': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'$ref': '#/$defs/criterion'}}, 'related_criteria': {'type': 'array', 'uniqueItems': True, 'items': {'$ref': '#/$defs/criterion'}}, 'rejected': {'type': 'object', 'propertyNames': {'$ref': '#/$defs/approach'}, 'additionalProperties': {'$ref': '#/$defs/text'}}, 'model_answer': {'$ref': '#/$defs/text'}, 'key_note': {'$ref': '#/$defs/text'}, 'options': False, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False}}}]}}, rule='type')
            data__questions_is_list = isinstance(data__questions, (list, tuple))
            if data__questions_is_list:
                data__questions_len = len(data__questions)
                if data__questions_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".questions must contain at least 1 items", value=data__questions, name="" + (name_prefix or "data") + ".questions", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'type', 'prompt', 'objective', 'difficulty', 'explanation', 'hint', 'notebooks'], 'properties': {'id': {'$ref': '#/$defs/id'}, 'type': {'enum': ['single', 'multiple', 'numeric', 'scenario']}, 'title': {'type': 'string'}, 'prompt': {'$ref': '#/$defs/text'}, 'objective': {'enum': ['LO1', 'LO2', 'LO3', 'LO4', 'LO5', 'LO6', 'LO7']}, 'difficulty': {'enum': ['easy', 'medium', 'hard']}, 'explanation': {'$ref': '#/$defs/text'}, 'hint': {'$ref': '#/$defs/text'}, 'notebooks': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, 'source': {'type': 'string'}, 'concepts': {'type': 'array', 'items': {'type': 'string'}}, 'options': True, 'answer': True, 'unit': True, 'abs_tol': True, 'rel_tol': True, 'misconceptions': True, 'traits': True, 'accepted': True, 'criteria': True, 'related_criteria': True, 'rejected': True, 'model_answer': True, 'key_note': True}, 'additionalProperties': False, 'allOf': [{'if': {'properties': {'type': {'enum': ['single', 'multiple']}}, 'required': ['type']}, 'then': {'required': ['options'], 'properties': {'options': {'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'$ref': '#/$defs/text'}}}}, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'numeric'}}, 'required': ['type']}, 'then': {'required': ['answer', 'unit'], 'anyOf': [{'required': ['abs_tol']}, {'required': ['rel_tol']}], 'properties': {'answer': {'type': 'number'}, 'unit': {'type': 'string', 'minLength': 1}, 'abs_tol': {'type': 'number', 'minimum': 0}, 'rel_tol': {'type': 'number', 'minimum': 0, 'maximum': 0.5}, 'misconceptions': {'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'$ref': '#/$defs/text'}}}}, 'options': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'scenario'}}, 'required': ['type']}, 'then': {'required': ['traits', 'accepted', 'criteria', 'model_answer'], 'properties': {'traits': {'type': 'object', 'minProperties': 1}, 'accepted': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'$ref': '#/$defs/approach'}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'$ref': '#/$defs/text'}, 'criteria': {'type': 'array', 'items': {'$ref': '#/$defs/criterion'}}}}}, 'criteria': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'$ref': '#/$defs/criterion'}}, 'related_criteria': {'type': 'array', 'uniqueItems': True, 'items': {'$ref': '#/$defs/criterion'}}, 'rejected': {'type': 'object', 'propertyNames': {'$ref': '#/$defs/approach'}, 'additionalProperties': {'$ref': '#/$defs/text'}}, 'model_answer': {'$ref': '#/$defs/text'}, 'key_note': {'$ref': '#/$defs/text'}, 'options': False, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False}}}]}}, rule='minItems')
                for data__questions_x, data__questions_item in enumerate(data__questions):
                    validate____defs_question(data__questions_item, custom_formats, (name_prefix or "data") + ".questions[{data__questions_x}]".format(**locals()))
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'title': 'Question bank file', 'description': "One file of the course's question bank: single/multiple choice, numeric and scenario questions. Cross-references (criterion ids, trait names, unique ids) are checked in course_lib/quiz/bank.py.", 'type': 'object', 'required': ['questions'], 'additionalProperties': False, 'properties': {'title': {'type': 'string'}, 'questions': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['id', 'type', 'prompt', 'objective', 'difficulty', 'explanation', 'hint', 'notebooks'], 'properties': {'id': {'$ref': '#/$defs/id'}, 'type': {'enum': ['single', 'multiple', 'numeric', 'scenario']}, 'title': {'type': 'string'}, 'prompt': {'$ref': '#/$defs/text'}, 'objective': {'enum': ['LO1', 'LO2', 'LO3', 'LO4', 'LO5', 'LO6', 'LO7']}, 'difficulty': {'enum': ['easy', 'medium', 'hard']}, 'explanation': {'$ref': '#/$defs/text'}, 'hint': {'$ref': '#/$defs/text'}, 'notebooks': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, 'source': {'type': 'string'}, 'concepts': {'type': 'array', 'items': {'type': 'string'}}, 'options': True, 'answer': True, 'unit': True, 'abs_tol': True, 'rel_tol': True, 'misconceptions': True, 'traits': True, 'accepted': True, 'criteria': True, 'related_criteria': True, 'rejected': True, 'model_answer': True, 'key_note': True}, 'additionalProperties': False, 'allOf': [{'if': {'properties': {'type': {'enum': ['single', 'multiple']}}, 'required': ['type']}, 'then': {'required': ['options'], 'properties': {'options': {'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'$ref': '#/$defs/text'}}}}, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'numeric'}}, 'required': ['type']}, 'then': {'required': ['answer', 'unit'], 'anyOf': [{'required': ['abs_tol']}, {'required': ['rel_tol']}], 'properties': {'answer': {'type': 'number'}, 'unit': {'type': 'string', 'minLength': 1}, 'abs_tol': {'type': 'number', 'minimum': 0}, 'rel_tol': {'type': 'number', 'minimum': 0, 'maximum': 0.5}, 'misconceptions': {'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'$ref': '#/$defs/text'}}}}, 'options': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'scenario'}}, 'required': ['type']}, 'then': {'required': ['traits', 'accepted', 'criteria', 'model_answer'], 'properties': {'traits': {'type': 'object', 'minProperties': 1}, 'accepted': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'$ref': '#/$defs/approach'}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'$ref': '#/$defs/text'}, 'criteria': {'type': 'array', 'items': {'$ref': '#/$defs/criterion'}}}}}, 'criteria': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'$ref': '#/$defs/criterion'}}, 'related_criteria': {'type': 'array', 'uniqueItems': True, 'items': {'$ref': '#/$defs/criterion'}}, 'rejected': {'type': 'object', 'propertyNames': {'$ref': '#/$defs/approach'}, 'additionalProperties': {'$ref': '#/$defs/text'}}, 'model_answer': {'$ref': '#/$defs/text'}, 'key_note': {'$ref': '#/$defs/text'}, 'options': False, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False}}}]}}}, '$defs': {'text': {'type': 'string', 'minLength': 3}, 'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'criterion': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, 'question': {'type': 'object', 'required': ['id', 'type', 'prompt', 'objective', 'difficulty', 'explanation', 'hint', 'notebooks'], 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'type': {'enum': ['single', 'multiple', 'numeric', 'scenario']}, 'title': {'type': 'string'}, 'prompt': {'type': 'string', 'minLength': 3}, 'objective': {'enum': ['LO1', 'LO2', 'LO3', 'LO4', 'LO5', 'LO6', 'LO7']}, 'difficulty': {'enum': ['easy', 'medium', 'hard']}, 'explanation': {'type': 'string', 'minLength': 3}, 'hint': {'type': 'string', 'minLength': 3}, 'notebooks': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, 'source': {'type': 'string'}, 'concepts': {'type': 'array', 'items': {'type': 'string'}}, 'options': True, 'answer': True, 'unit': True, 'abs_tol': True, 'rel_tol': True, 'misconceptions': True, 'traits': True, 'accepted': True, 'criteria': True, 'related_criteria': True, 'rejected': True, 'model_answer': True, 'key_note': True}, 'additionalProperties': False, 'allOf': [{'if': {'properties': {'type': {'enum': ['single', 'multiple']}}, 'required': ['type']}, 'then': {'required': ['options'], 'properties': {'options': {'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'numeric'}}, 'required': ['type']}, 'then': {'required': ['answer', 'unit'], 'anyOf': [{'required': ['abs_tol']}, {'required': ['rel_tol']}], 'properties': {'answer': {'type': 'number'}, 'unit': {'type': 'string', 'minLength': 1}, 'abs_tol': {'type': 'number', 'minimum': 0}, 'rel_tol': {'type': 'number', 'minimum': 0, 'maximum': 0.5}, 'misconceptions': {'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'options': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'scenario'}}, 'required': ['type']}, 'then': {'required': ['traits', 'accepted', 'criteria', 'model_answer'], 'properties': {'traits': {'type': 'object', 'minProperties': 1}, 'accepted': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'type': 'string', 'minLength': 3}, 'criteria': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}}}}, 'criteria': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'related_criteria': {'type': 'array', 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'rejected': {'type': 'object', 'propertyNames': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'additionalProperties': {'type': 'string', 'minLength': 3}}, 'model_answer': {'type': 'string', 'minLength': 3}, 'key_note': {'type': 'string', 'minLength': 3}, 'options': False, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False}}}]}}}, rule='additionalProperties')
    return data

def validate____defs_question(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'type', 'prompt', 'objective', 'difficulty', 'explanation', 'hint', 'notebooks'], 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'type': {'enum': ['single', 'multiple', 'numeric', 'scenario']}, 'title': {'type': 'string'}, 'prompt': {'type': 'string', 'minLength': 3}, 'objective': {'enum': ['LO1', 'LO2', 'LO3', 'LO4', 'LO5', 'LO6', 'LO7']}, 'difficulty': {'enum': ['easy', 'medium', 'hard']}, 'explanation': {'type': 'string', 'minLength': 3}, 'hint': {'type': 'string', 'minLength': 3}, 'notebooks': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, 'source': {'type': 'string'}, 'concepts': {'type': 'array', 'items': {'type': 'string'}}, 'options': True, 'answer': True, 'unit': True, 'abs_tol': True, 'rel_tol': True, 'misconceptions': True, 'traits': True, 'accepted': True, 'criteria': True, 'related_criteria': True, 'rejected': True, 'model_answer': True, 'key_note': True}, 'additionalProperties': False, 'allOf': [{'if': {'properties': {'type': {'enum': ['single', 'multiple']}}, 'required': ['type']}, 'then': {'required': ['options'], 'properties': {'options': {'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'numeric'}}, 'required': ['type']}, 'then': {'required': ['answer', 'unit'], 'anyOf': [{'required': ['abs_tol']}, {'required': ['rel_tol']}], 'properties': {'answer': {'type': 'number'}, 'unit': {'type': 'string', 'minLength': 1}, 'abs_tol': {'type': 'number', 'minimum': 0}, 'rel_tol': {'type': 'number', 'minimum': 0, 'maximum': 0.5}, 'misconceptions': {'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'options': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'scenario'}}, 'required': ['type']}, 'then': {'required': ['traits', 'accepted', 'criteria', 'model_answer'], 'properties': {'traits': {'type': 'object', 'minProperties': 1}, 'accepted': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'type': 'string', 'minLength': 3}, 'criteria': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}}}}, 'criteria': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'related_criteria': {'type': 'array', 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'rejected': {'type': 'object', 'propertyNames': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'additionalProperties': {'type': 'string', 'minLength': 3}}, 'model_answer': {'type': 'string', 'minLength': 3}, 'key_note': {'type': 'string', 'minLength': 3}, 'options': False, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False}}}]}, rule='type')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['type']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'properties': {'type': {'enum': ['single', 'multiple']}}, 'required': ['type']}, rule='required')
            data_keys = set(data.keys())
            if "type" in data_keys:
                data_keys.remove("type")
                data__type = data["type"]
                if not (isinstance(data__type, str) and data__type == 'single' or isinstance(data__type, str) and data__type == 'multiple'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['single', 'multiple']", value=data__type, name="" + (name_prefix or "data") + ".type", definition={'enum': ['single', 'multiple']}, rule='enum')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['options']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['options'], 'properties': {'options': {'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}, rule='required')
            data_keys = set(data.keys())
            if "options" in data_keys:
                data_keys.remove("options")
                data__options = data["options"]
                if not isinstance(data__options, (list, tuple)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".options must be array", value=data__options, name="" + (name_prefix or "data") + ".options", definition={'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, rule='type')
                data__options_is_list = isinstance(data__options, (list, tuple))
                if data__options_is_list:
                    data__options_len = len(data__options)
                    if data__options_len < 2:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".options must contain at least 2 items", value=data__options, name="" + (name_prefix or "data") + ".options", definition={'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, rule='minItems')
                    for data__options_x, data__options_item in enumerate(data__options):
                        if not isinstance(data__options_item, (dict)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}]".format(**locals()) + " must be object", value=data__options_item, name="" + (name_prefix or "data") + ".options[{data__options_x}]".format(**locals()) + "", definition={'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'type': 'string', 'minLength': 3}}}, rule='type')
                        data__options_item_is_dict = isinstance(data__options_item, dict)
                        if data__options_item_is_dict:
                            data__options_item__missing_keys = set(['id', 'text', 'feedback']) - data__options_item.keys()
                            if data__options_item__missing_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}]".format(**locals()) + " must contain " + (str(sorted(data__options_item__missing_keys)) + " properties"), value=data__options_item, name="" + (name_prefix or "data") + ".options[{data__options_x}]".format(**locals()) + "", definition={'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'type': 'string', 'minLength': 3}}}, rule='required')
                            data__options_item_keys = set(data__options_item.keys())
                            if "id" in data__options_item_keys:
                                data__options_item_keys.remove("id")
                                data__options_item__id = data__options_item["id"]
                                if not isinstance(data__options_item__id, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}].id".format(**locals()) + " must be string", value=data__options_item__id, name="" + (name_prefix or "data") + ".options[{data__options_x}].id".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[a-z0-9]+$'}, rule='type')
                                if isinstance(data__options_item__id, str):
                                    if not REGEX_PATTERNS['^[a-z0-9]+$'].search(data__options_item__id):
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}].id".format(**locals()) + " must match pattern ^[a-z0-9]+$", value=data__options_item__id, name="" + (name_prefix or "data") + ".options[{data__options_x}].id".format(**locals()) + "", definition={'type': 'string', 'pattern': '^[a-z0-9]+$'}, rule='pattern')
                            if "text" in data__options_item_keys:
                                data__options_item_keys.remove("text")
                                data__options_item__text = data__options_item["text"]
                                if not isinstance(data__options_item__text, (str)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}].text".format(**locals()) + " must be string", value=data__options_item__text, name="" + (name_prefix or "data") + ".options[{data__options_x}].text".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='type')
                                if isinstance(data__options_item__text, str):
                                    data__options_item__text_len = len(data__options_item__text)
                                    if data__options_item__text_len < 1:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}].text".format(**locals()) + " must be longer than or equal to 1 characters", value=data__options_item__text, name="" + (name_prefix or "data") + ".options[{data__options_x}].text".format(**locals()) + "", definition={'type': 'string', 'minLength': 1}, rule='minLength')
                            if "correct" in data__options_item_keys:
                                data__options_item_keys.remove("correct")
                                data__options_item__correct = data__options_item["correct"]
                                if not isinstance(data__options_item__correct, (bool)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}].correct".format(**locals()) + " must be boolean", value=data__options_item__correct, name="" + (name_prefix or "data") + ".options[{data__options_x}].correct".format(**locals()) + "", definition={'type': 'boolean'}, rule='type')
                            if "feedback" in data__options_item_keys:
                                data__options_item_keys.remove("feedback")
                                data__options_item__feedback = data__options_item["feedback"]
                                validate____defs_text(data__options_item__feedback, custom_formats, (name_prefix or "data") + ".options[{data__options_x}].feedback".format(**locals()))
                            if data__options_item_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".options[{data__options_x}]".format(**locals()) + " must not contain "+str(data__options_item_keys)+" properties", value=data__options_item, name="" + (name_prefix or "data") + ".options[{data__options_x}]".format(**locals()) + "", definition={'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'type': 'string', 'minLength': 3}}}, rule='additionalProperties')
            if "answer" in data_keys:
                data_keys.remove("answer")
                data__answer = data["answer"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".answer must not be there", value=data__answer, name="" + (name_prefix or "data") + ".answer", definition=False, rule=None)
            if "unit" in data_keys:
                data_keys.remove("unit")
                data__unit = data["unit"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".unit must not be there", value=data__unit, name="" + (name_prefix or "data") + ".unit", definition=False, rule=None)
            if "abs_tol" in data_keys:
                data_keys.remove("abs_tol")
                data__abstol = data["abs_tol"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".abs_tol must not be there", value=data__abstol, name="" + (name_prefix or "data") + ".abs_tol", definition=False, rule=None)
            if "rel_tol" in data_keys:
                data_keys.remove("rel_tol")
                data__reltol = data["rel_tol"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rel_tol must not be there", value=data__reltol, name="" + (name_prefix or "data") + ".rel_tol", definition=False, rule=None)
            if "misconceptions" in data_keys:
                data_keys.remove("misconceptions")
                data__misconceptions = data["misconceptions"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".misconceptions must not be there", value=data__misconceptions, name="" + (name_prefix or "data") + ".misconceptions", definition=False, rule=None)
            if "traits" in data_keys:
                data_keys.remove("traits")
                data__traits = data["traits"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".traits must not be there", value=data__traits, name="" + (name_prefix or "data") + ".traits", definition=False, rule=None)
            if "accepted" in data_keys:
                data_keys.remove("accepted")
                data__accepted = data["accepted"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".accepted must not be there", value=data__accepted, name="" + (name_prefix or "data") + ".accepted", definition=False, rule=None)
            if "criteria" in data_keys:
                data_keys.remove("criteria")
                data__criteria = data["criteria"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".criteria must not be there", value=data__criteria, name="" + (name_prefix or "data") + ".criteria", definition=False, rule=None)
            if "related_criteria" in data_keys:
                data_keys.remove("related_criteria")
                data__relatedcriteria = data["related_criteria"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".related_criteria must not be there", value=data__relatedcriteria, name="" + (name_prefix or "data") + ".related_criteria", definition=False, rule=None)
            if "rejected" in data_keys:
                data_keys.remove("rejected")
                data__rejected = data["rejected"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rejected must not be there", value=data__rejected, name="" + (name_prefix or "data") + ".rejected", definition=False, rule=None)
            if "model_answer" in data_keys:
                data_keys.remove("model_answer")
                data__modelanswer = data["model_answer"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".model_answer must not be there", value=data__modelanswer, name="" + (name_prefix or "data") + ".model_answer", definition=False, rule=None)
            if "key_note" in data_keys:
                data_keys.remove("key_note")
                data__keynote = data["key_note"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".key_note must not be there", value=data__keynote, name="" + (name_prefix or "data") + ".key_note", definition=False, rule=None)
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['type']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'properties': {'type': {'const': 'numeric'}}, 'required': ['type']}, rule='required')
            data_keys = set(data.keys())
            if "type" in data_keys:
                data_keys.remove("type")
                data__type = data["type"]
                if not (isinstance(data__type, str) and data__type == 'numeric'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be same as const definition: numeric", value=data__type, name="" + (name_prefix or "data") + ".type", definition={'const': 'numeric'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_any_of_count1 = 0
        if not data_any_of_count1:
            try:
                data_is_dict = isinstance(data, dict)
                if data_is_dict:
                    data__missing_keys = set(['abs_tol']) - data.keys()
                    if data__missing_keys:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['abs_tol']}, rule='required')
                data_any_of_count1 += 1
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
        if not data_any_of_count1:
            try:
                data_is_dict = isinstance(data, dict)
                if data_is_dict:
                    data__missing_keys = set(['rel_tol']) - data.keys()
                    if data__missing_keys:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['rel_tol']}, rule='required')
                data_any_of_count1 += 1
            except (JsonSchemaValueException, JsonSchemaValuesException): pass
        if not data_any_of_count1:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " cannot be validated by any definition", value=data, name="" + (name_prefix or "data") + "", definition={'required': ['answer', 'unit'], 'anyOf': [{'required': ['abs_tol']}, {'required': ['rel_tol']}], 'properties': {'answer': {'type': 'number'}, 'unit': {'type': 'string', 'minLength': 1}, 'abs_tol': {'type': 'number', 'minimum': 0}, 'rel_tol': {'type': 'number', 'minimum': 0, 'maximum': 0.5}, 'misconceptions': {'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'options': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}, rule='anyOf')
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['answer', 'unit']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['answer', 'unit'], 'anyOf': [{'required': ['abs_tol']}, {'required': ['rel_tol']}], 'properties': {'answer': {'type': 'number'}, 'unit': {'type': 'string', 'minLength': 1}, 'abs_tol': {'type': 'number', 'minimum': 0}, 'rel_tol': {'type': 'number', 'minimum': 0, 'maximum': 0.5}, 'misconceptions': {'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'options': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}, rule='required')
            data_keys = set(data.keys())
            if "answer" in data_keys:
                data_keys.remove("answer")
                data__answer = data["answer"]
                if not isinstance(data__answer, (int, float, Decimal)) or isinstance(data__answer, bool):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".answer must be number", value=data__answer, name="" + (name_prefix or "data") + ".answer", definition={'type': 'number'}, rule='type')
            if "unit" in data_keys:
                data_keys.remove("unit")
                data__unit = data["unit"]
                if not isinstance(data__unit, (str)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".unit must be string", value=data__unit, name="" + (name_prefix or "data") + ".unit", definition={'type': 'string', 'minLength': 1}, rule='type')
                if isinstance(data__unit, str):
                    data__unit_len = len(data__unit)
                    if data__unit_len < 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".unit must be longer than or equal to 1 characters", value=data__unit, name="" + (name_prefix or "data") + ".unit", definition={'type': 'string', 'minLength': 1}, rule='minLength')
            if "abs_tol" in data_keys:
                data_keys.remove("abs_tol")
                data__abstol = data["abs_tol"]
                if not isinstance(data__abstol, (int, float, Decimal)) or isinstance(data__abstol, bool):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".abs_tol must be number", value=data__abstol, name="" + (name_prefix or "data") + ".abs_tol", definition={'type': 'number', 'minimum': 0}, rule='type')
                if isinstance(data__abstol, (int, float, Decimal)) and not isinstance(data__abstol, bool):
                    if data__abstol < 0:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".abs_tol must be bigger than or equal to 0", value=data__abstol, name="" + (name_prefix or "data") + ".abs_tol", definition={'type': 'number', 'minimum': 0}, rule='minimum')
            if "rel_tol" in data_keys:
                data_keys.remove("rel_tol")
                data__reltol = data["rel_tol"]
                if not isinstance(data__reltol, (int, float, Decimal)) or isinstance(data__reltol, bool):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".rel_tol must be number", value=data__reltol, name="" + (name_prefix or "data") + ".rel_tol", definition={'type': 'number', 'minimum': 0, 'maximum': 0.5}, rule='type')
                if isinstance(data__reltol, (int, float, Decimal)) and not isinstance(data__reltol, bool):
                    if data__reltol < 0:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".rel_tol must be bigger than or equal to 0", value=data__reltol, name="" + (name_prefix or "data") + ".rel_tol", definition={'type': 'number', 'minimum': 0, 'maximum': 0.5}, rule='minimum')
                    if data__reltol > 0.5:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".rel_tol must be smaller than or equal to 0.5", value=data__reltol, name="" + (name_prefix or "data") + ".rel_tol", definition={'type': 'number', 'minimum': 0, 'maximum': 0.5}, rule='maximum')
            if "misconceptions" in data_keys:
                data_keys.remove("misconceptions")
                data__misconceptions = data["misconceptions"]
                if not isinstance(data__misconceptions, (list, tuple)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".misconceptions must be array", value=data__misconceptions, name="" + (name_prefix or "data") + ".misconceptions", definition={'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, rule='type')
                data__misconceptions_is_list = isinstance(data__misconceptions, (list, tuple))
                if data__misconceptions_is_list:
                    data__misconceptions_len = len(data__misconceptions)
                    for data__misconceptions_x, data__misconceptions_item in enumerate(data__misconceptions):
                        if not isinstance(data__misconceptions_item, (dict)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".misconceptions[{data__misconceptions_x}]".format(**locals()) + " must be object", value=data__misconceptions_item, name="" + (name_prefix or "data") + ".misconceptions[{data__misconceptions_x}]".format(**locals()) + "", definition={'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'type': 'string', 'minLength': 3}}}, rule='type')
                        data__misconceptions_item_is_dict = isinstance(data__misconceptions_item, dict)
                        if data__misconceptions_item_is_dict:
                            data__misconceptions_item__missing_keys = set(['value', 'feedback']) - data__misconceptions_item.keys()
                            if data__misconceptions_item__missing_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".misconceptions[{data__misconceptions_x}]".format(**locals()) + " must contain " + (str(sorted(data__misconceptions_item__missing_keys)) + " properties"), value=data__misconceptions_item, name="" + (name_prefix or "data") + ".misconceptions[{data__misconceptions_x}]".format(**locals()) + "", definition={'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'type': 'string', 'minLength': 3}}}, rule='required')
                            data__misconceptions_item_keys = set(data__misconceptions_item.keys())
                            if "value" in data__misconceptions_item_keys:
                                data__misconceptions_item_keys.remove("value")
                                data__misconceptions_item__value = data__misconceptions_item["value"]
                                if not isinstance(data__misconceptions_item__value, (int, float, Decimal)) or isinstance(data__misconceptions_item__value, bool):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".misconceptions[{data__misconceptions_x}].value".format(**locals()) + " must be number", value=data__misconceptions_item__value, name="" + (name_prefix or "data") + ".misconceptions[{data__misconceptions_x}].value".format(**locals()) + "", definition={'type': 'number'}, rule='type')
                            if "feedback" in data__misconceptions_item_keys:
                                data__misconceptions_item_keys.remove("feedback")
                                data__misconceptions_item__feedback = data__misconceptions_item["feedback"]
                                validate____defs_text(data__misconceptions_item__feedback, custom_formats, (name_prefix or "data") + ".misconceptions[{data__misconceptions_x}].feedback".format(**locals()))
                            if data__misconceptions_item_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".misconceptions[{data__misconceptions_x}]".format(**locals()) + " must not contain "+str(data__misconceptions_item_keys)+" properties", value=data__misconceptions_item, name="" + (name_prefix or "data") + ".misconceptions[{data__misconceptions_x}]".format(**locals()) + "", definition={'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'type': 'string', 'minLength': 3}}}, rule='additionalProperties')
            if "options" in data_keys:
                data_keys.remove("options")
                data__options = data["options"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".options must not be there", value=data__options, name="" + (name_prefix or "data") + ".options", definition=False, rule=None)
            if "traits" in data_keys:
                data_keys.remove("traits")
                data__traits = data["traits"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".traits must not be there", value=data__traits, name="" + (name_prefix or "data") + ".traits", definition=False, rule=None)
            if "accepted" in data_keys:
                data_keys.remove("accepted")
                data__accepted = data["accepted"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".accepted must not be there", value=data__accepted, name="" + (name_prefix or "data") + ".accepted", definition=False, rule=None)
            if "criteria" in data_keys:
                data_keys.remove("criteria")
                data__criteria = data["criteria"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".criteria must not be there", value=data__criteria, name="" + (name_prefix or "data") + ".criteria", definition=False, rule=None)
            if "related_criteria" in data_keys:
                data_keys.remove("related_criteria")
                data__relatedcriteria = data["related_criteria"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".related_criteria must not be there", value=data__relatedcriteria, name="" + (name_prefix or "data") + ".related_criteria", definition=False, rule=None)
            if "rejected" in data_keys:
                data_keys.remove("rejected")
                data__rejected = data["rejected"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rejected must not be there", value=data__rejected, name="" + (name_prefix or "data") + ".rejected", definition=False, rule=None)
            if "model_answer" in data_keys:
                data_keys.remove("model_answer")
                data__modelanswer = data["model_answer"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".model_answer must not be there", value=data__modelanswer, name="" + (name_prefix or "data") + ".model_answer", definition=False, rule=None)
            if "key_note" in data_keys:
                data_keys.remove("key_note")
                data__keynote = data["key_note"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".key_note must not be there", value=data__keynote, name="" + (name_prefix or "data") + ".key_note", definition=False, rule=None)
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['type']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'properties': {'type': {'const': 'scenario'}}, 'required': ['type']}, rule='required')
            data_keys = set(data.keys())
            if "type" in data_keys:
                data_keys.remove("type")
                data__type = data["type"]
                if not (isinstance(data__type, str) and data__type == 'scenario'):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be same as const definition: scenario", value=data__type, name="" + (name_prefix or "data") + ".type", definition={'const': 'scenario'}, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['traits', 'accepted', 'criteria', 'model_answer']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'required': ['traits', 'accepted', 'criteria', 'model_answer'], 'properties': {'traits': {'type': 'object', 'minProperties': 1}, 'accepted': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'type': 'string', 'minLength': 3}, 'criteria': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}}}}, 'criteria': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'related_criteria': {'type': 'array', 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'rejected': {'type': 'object', 'propertyNames': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'additionalProperties': {'type': 'string', 'minLength': 3}}, 'model_answer': {'type': 'string', 'minLength': 3}, 'key_note': {'type': 'string', 'minLength': 3}, 'options': False, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False}}, rule='required')
            data_keys = set(data.keys())
            if "traits" in data_keys:
                data_keys.remove("traits")
                data__traits = data["traits"]
                if not isinstance(data__traits, (dict)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".traits must be object", value=data__traits, name="" + (name_prefix or "data") + ".traits", definition={'type': 'object', 'minProperties': 1}, rule='type')
                data__traits_is_dict = isinstance(data__traits, dict)
                if data__traits_is_dict:
                    data__traits_len = len(data__traits)
                    if data__traits_len < 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".traits must contain at least 1 properties", value=data__traits, name="" + (name_prefix or "data") + ".traits", definition={'type': 'object', 'minProperties': 1}, rule='minProperties')
            if "accepted" in data_keys:
                data_keys.remove("accepted")
                data__accepted = data["accepted"]
                if not isinstance(data__accepted, (list, tuple)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accepted must be array", value=data__accepted, name="" + (name_prefix or "data") + ".accepted", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'type': 'string', 'minLength': 3}, 'criteria': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}}}}, rule='type')
                data__accepted_is_list = isinstance(data__accepted, (list, tuple))
                if data__accepted_is_list:
                    data__accepted_len = len(data__accepted)
                    if data__accepted_len < 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".accepted must contain at least 1 items", value=data__accepted, name="" + (name_prefix or "data") + ".accepted", definition={'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'type': 'string', 'minLength': 3}, 'criteria': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}}}}, rule='minItems')
                    for data__accepted_x, data__accepted_item in enumerate(data__accepted):
                        if not isinstance(data__accepted_item, (dict)):
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".accepted[{data__accepted_x}]".format(**locals()) + " must be object", value=data__accepted_item, name="" + (name_prefix or "data") + ".accepted[{data__accepted_x}]".format(**locals()) + "", definition={'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'type': 'string', 'minLength': 3}, 'criteria': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}}}, rule='type')
                        data__accepted_item_is_dict = isinstance(data__accepted_item, dict)
                        if data__accepted_item_is_dict:
                            data__accepted_item__missing_keys = set(['approach', 'credit', 'why']) - data__accepted_item.keys()
                            if data__accepted_item__missing_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".accepted[{data__accepted_x}]".format(**locals()) + " must contain " + (str(sorted(data__accepted_item__missing_keys)) + " properties"), value=data__accepted_item, name="" + (name_prefix or "data") + ".accepted[{data__accepted_x}]".format(**locals()) + "", definition={'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'type': 'string', 'minLength': 3}, 'criteria': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}}}, rule='required')
                            data__accepted_item_keys = set(data__accepted_item.keys())
                            if "approach" in data__accepted_item_keys:
                                data__accepted_item_keys.remove("approach")
                                data__accepted_item__approach = data__accepted_item["approach"]
                                validate____defs_approach(data__accepted_item__approach, custom_formats, (name_prefix or "data") + ".accepted[{data__accepted_x}].approach".format(**locals()))
                            if "credit" in data__accepted_item_keys:
                                data__accepted_item_keys.remove("credit")
                                data__accepted_item__credit = data__accepted_item["credit"]
                                if not isinstance(data__accepted_item__credit, (int, float, Decimal)) or isinstance(data__accepted_item__credit, bool):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accepted[{data__accepted_x}].credit".format(**locals()) + " must be number", value=data__accepted_item__credit, name="" + (name_prefix or "data") + ".accepted[{data__accepted_x}].credit".format(**locals()) + "", definition={'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, rule='type')
                                if isinstance(data__accepted_item__credit, (int, float, Decimal)) and not isinstance(data__accepted_item__credit, bool):
                                    if data__accepted_item__credit > 1:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".accepted[{data__accepted_x}].credit".format(**locals()) + " must be smaller than or equal to 1", value=data__accepted_item__credit, name="" + (name_prefix or "data") + ".accepted[{data__accepted_x}].credit".format(**locals()) + "", definition={'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, rule='maximum')
                                    if data__accepted_item__credit <= 0:
                                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".accepted[{data__accepted_x}].credit".format(**locals()) + " must be bigger than 0", value=data__accepted_item__credit, name="" + (name_prefix or "data") + ".accepted[{data__accepted_x}].credit".format(**locals()) + "", definition={'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, rule='exclusiveMinimum')
                            if "why" in data__accepted_item_keys:
                                data__accepted_item_keys.remove("why")
                                data__accepted_item__why = data__accepted_item["why"]
                                validate____defs_text(data__accepted_item__why, custom_formats, (name_prefix or "data") + ".accepted[{data__accepted_x}].why".format(**locals()))
                            if "criteria" in data__accepted_item_keys:
                                data__accepted_item_keys.remove("criteria")
                                data__accepted_item__criteria = data__accepted_item["criteria"]
                                if not isinstance(data__accepted_item__criteria, (list, tuple)):
                                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".accepted[{data__accepted_x}].criteria".format(**locals()) + " must be array", value=data__accepted_item__criteria, name="" + (name_prefix or "data") + ".accepted[{data__accepted_x}].criteria".format(**locals()) + "", definition={'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, rule='type')
                                data__accepted_item__criteria_is_list = isinstance(data__accepted_item__criteria, (list, tuple))
                                if data__accepted_item__criteria_is_list:
                                    data__accepted_item__criteria_len = len(data__accepted_item__criteria)
                                    for data__accepted_item__criteria_x, data__accepted_item__criteria_item in enumerate(data__accepted_item__criteria):
                                        validate____defs_criterion(data__accepted_item__criteria_item, custom_formats, (name_prefix or "data") + ".accepted[{data__accepted_x}].criteria[{data__accepted_item__criteria_x}]".format(**locals()))
                            if data__accepted_item_keys:
                                raise JsonSchemaValueException("" + (name_prefix or "data") + ".accepted[{data__accepted_x}]".format(**locals()) + " must not contain "+str(data__accepted_item_keys)+" properties", value=data__accepted_item, name="" + (name_prefix or "data") + ".accepted[{data__accepted_x}]".format(**locals()) + "", definition={'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'type': 'string', 'minLength': 3}, 'criteria': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}}}, rule='additionalProperties')
            if "criteria" in data_keys:
                data_keys.remove("criteria")
                data__criteria = data["criteria"]
                if not isinstance(data__criteria, (list, tuple)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".criteria must be array", value=data__criteria, name="" + (name_prefix or "data") + ".criteria", definition={'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, rule='type')
                data__criteria_is_list = isinstance(data__criteria, (list, tuple))
                if data__criteria_is_list:
                    data__criteria_len = len(data__criteria)
                    if data__criteria_len < 1:
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".criteria must contain at least 1 items", value=data__criteria, name="" + (name_prefix or "data") + ".criteria", definition={'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, rule='minItems')
                    def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                    if data__criteria_len > len(set(fn(data__criteria_x) for data__criteria_x in data__criteria)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".criteria must contain unique items", value=data__criteria, name="" + (name_prefix or "data") + ".criteria", definition={'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, rule='uniqueItems')
                    for data__criteria_x, data__criteria_item in enumerate(data__criteria):
                        validate____defs_criterion(data__criteria_item, custom_formats, (name_prefix or "data") + ".criteria[{data__criteria_x}]".format(**locals()))
            if "related_criteria" in data_keys:
                data_keys.remove("related_criteria")
                data__relatedcriteria = data["related_criteria"]
                if not isinstance(data__relatedcriteria, (list, tuple)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".related_criteria must be array", value=data__relatedcriteria, name="" + (name_prefix or "data") + ".related_criteria", definition={'type': 'array', 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, rule='type')
                data__relatedcriteria_is_list = isinstance(data__relatedcriteria, (list, tuple))
                if data__relatedcriteria_is_list:
                    def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                    data__relatedcriteria_len = len(data__relatedcriteria)
                    if data__relatedcriteria_len > len(set(fn(data__relatedcriteria_x) for data__relatedcriteria_x in data__relatedcriteria)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".related_criteria must contain unique items", value=data__relatedcriteria, name="" + (name_prefix or "data") + ".related_criteria", definition={'type': 'array', 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, rule='uniqueItems')
                    for data__relatedcriteria_x, data__relatedcriteria_item in enumerate(data__relatedcriteria):
                        validate____defs_criterion(data__relatedcriteria_item, custom_formats, (name_prefix or "data") + ".related_criteria[{data__relatedcriteria_x}]".format(**locals()))
            if "rejected" in data_keys:
                data_keys.remove("rejected")
                data__rejected = data["rejected"]
                if not isinstance(data__rejected, (dict)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".rejected must be object", value=data__rejected, name="" + (name_prefix or "data") + ".rejected", definition={'type': 'object', 'propertyNames': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'additionalProperties': {'type': 'string', 'minLength': 3}}, rule='type')
                data__rejected_is_dict = isinstance(data__rejected, dict)
                if data__rejected_is_dict:
                    data__rejected_keys = set(data__rejected.keys())
                    for data__rejected_key in data__rejected_keys:
                        if data__rejected_key not in []:
                            data__rejected_value = data__rejected.get(data__rejected_key)
                            validate____defs_text(data__rejected_value, custom_formats, (name_prefix or "data") + ".rejected.{data__rejected_key}".format(**locals()))
                    data__rejected_len = len(data__rejected)
                    if data__rejected_len != 0:
                        data__rejected_property_names = True
                        for data__rejected_key in data__rejected:
                            try:
                                validate____defs_approach(data__rejected_key, custom_formats, (name_prefix or "data") + ".rejected")
                            except (JsonSchemaValueException, JsonSchemaValuesException):
                                data__rejected_property_names = False
                        if not data__rejected_property_names:
                            raise JsonSchemaValueException("" + (name_prefix or "data") + ".rejected must be named by propertyName definition", value=data__rejected, name="" + (name_prefix or "data") + ".rejected", definition={'type': 'object', 'propertyNames': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'additionalProperties': {'type': 'string', 'minLength': 3}}, rule='propertyNames')
            if "model_answer" in data_keys:
                data_keys.remove("model_answer")
                data__modelanswer = data["model_answer"]
                validate____defs_text(data__modelanswer, custom_formats, (name_prefix or "data") + ".model_answer")
            if "key_note" in data_keys:
                data_keys.remove("key_note")
                data__keynote = data["key_note"]
                validate____defs_text(data__keynote, custom_formats, (name_prefix or "data") + ".key_note")
            if "options" in data_keys:
                data_keys.remove("options")
                data__options = data["options"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".options must not be there", value=data__options, name="" + (name_prefix or "data") + ".options", definition=False, rule=None)
            if "answer" in data_keys:
                data_keys.remove("answer")
                data__answer = data["answer"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".answer must not be there", value=data__answer, name="" + (name_prefix or "data") + ".answer", definition=False, rule=None)
            if "unit" in data_keys:
                data_keys.remove("unit")
                data__unit = data["unit"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".unit must not be there", value=data__unit, name="" + (name_prefix or "data") + ".unit", definition=False, rule=None)
            if "abs_tol" in data_keys:
                data_keys.remove("abs_tol")
                data__abstol = data["abs_tol"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".abs_tol must not be there", value=data__abstol, name="" + (name_prefix or "data") + ".abs_tol", definition=False, rule=None)
            if "rel_tol" in data_keys:
                data_keys.remove("rel_tol")
                data__reltol = data["rel_tol"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".rel_tol must not be there", value=data__reltol, name="" + (name_prefix or "data") + ".rel_tol", definition=False, rule=None)
            if "misconceptions" in data_keys:
                data_keys.remove("misconceptions")
                data__misconceptions = data["misconceptions"]
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".misconceptions must not be there", value=data__misconceptions, name="" + (name_prefix or "data") + ".misconceptions", definition=False, rule=None)
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'type', 'prompt', 'objective', 'difficulty', 'explanation', 'hint', 'notebooks']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain " + (str(sorted(data__missing_keys)) + " properties"), value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'type', 'prompt', 'objective', 'difficulty', 'explanation', 'hint', 'notebooks'], 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'type': {'enum': ['single', 'multiple', 'numeric', 'scenario']}, 'title': {'type': 'string'}, 'prompt': {'type': 'string', 'minLength': 3}, 'objective': {'enum': ['LO1', 'LO2', 'LO3', 'LO4', 'LO5', 'LO6', 'LO7']}, 'difficulty': {'enum': ['easy', 'medium', 'hard']}, 'explanation': {'type': 'string', 'minLength': 3}, 'hint': {'type': 'string', 'minLength': 3}, 'notebooks': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, 'source': {'type': 'string'}, 'concepts': {'type': 'array', 'items': {'type': 'string'}}, 'options': True, 'answer': True, 'unit': True, 'abs_tol': True, 'rel_tol': True, 'misconceptions': True, 'traits': True, 'accepted': True, 'criteria': True, 'related_criteria': True, 'rejected': True, 'model_answer': True, 'key_note': True}, 'additionalProperties': False, 'allOf': [{'if': {'properties': {'type': {'enum': ['single', 'multiple']}}, 'required': ['type']}, 'then': {'required': ['options'], 'properties': {'options': {'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'numeric'}}, 'required': ['type']}, 'then': {'required': ['answer', 'unit'], 'anyOf': [{'required': ['abs_tol']}, {'required': ['rel_tol']}], 'properties': {'answer': {'type': 'number'}, 'unit': {'type': 'string', 'minLength': 1}, 'abs_tol': {'type': 'number', 'minimum': 0}, 'rel_tol': {'type': 'number', 'minimum': 0, 'maximum': 0.5}, 'misconceptions': {'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'options': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'scenario'}}, 'required': ['type']}, 'then': {'required': ['traits', 'accepted', 'criteria', 'model_answer'], 'properties': {'traits': {'type': 'object', 'minProperties': 1}, 'accepted': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'type': 'string', 'minLength': 3}, 'criteria': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}}}}, 'criteria': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'related_criteria': {'type': 'array', 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'rejected': {'type': 'object', 'propertyNames': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'additionalProperties': {'type': 'string', 'minLength': 3}}, 'model_answer': {'type': 'string', 'minLength': 3}, 'key_note': {'type': 'string', 'minLength': 3}, 'options': False, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False}}}]}, rule='required')
        data_keys = set(data.keys())
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            validate____defs_id(data__id, custom_formats, (name_prefix or "data") + ".id")
        if "type" in data_keys:
            data_keys.remove("type")
            data__type = data["type"]
            if not (isinstance(data__type, str) and data__type == 'single' or isinstance(data__type, str) and data__type == 'multiple' or isinstance(data__type, str) and data__type == 'numeric' or isinstance(data__type, str) and data__type == 'scenario'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".type must be one of ['single', 'multiple', 'numeric', 'scenario']", value=data__type, name="" + (name_prefix or "data") + ".type", definition={'enum': ['single', 'multiple', 'numeric', 'scenario']}, rule='enum')
        if "title" in data_keys:
            data_keys.remove("title")
            data__title = data["title"]
            if not isinstance(data__title, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".title must be string", value=data__title, name="" + (name_prefix or "data") + ".title", definition={'type': 'string'}, rule='type')
        if "prompt" in data_keys:
            data_keys.remove("prompt")
            data__prompt = data["prompt"]
            validate____defs_text(data__prompt, custom_formats, (name_prefix or "data") + ".prompt")
        if "objective" in data_keys:
            data_keys.remove("objective")
            data__objective = data["objective"]
            if not (isinstance(data__objective, str) and data__objective == 'LO1' or isinstance(data__objective, str) and data__objective == 'LO2' or isinstance(data__objective, str) and data__objective == 'LO3' or isinstance(data__objective, str) and data__objective == 'LO4' or isinstance(data__objective, str) and data__objective == 'LO5' or isinstance(data__objective, str) and data__objective == 'LO6' or isinstance(data__objective, str) and data__objective == 'LO7'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".objective must be one of ['LO1', 'LO2', 'LO3', 'LO4', 'LO5', 'LO6', 'LO7']", value=data__objective, name="" + (name_prefix or "data") + ".objective", definition={'enum': ['LO1', 'LO2', 'LO3', 'LO4', 'LO5', 'LO6', 'LO7']}, rule='enum')
        if "difficulty" in data_keys:
            data_keys.remove("difficulty")
            data__difficulty = data["difficulty"]
            if not (isinstance(data__difficulty, str) and data__difficulty == 'easy' or isinstance(data__difficulty, str) and data__difficulty == 'medium' or isinstance(data__difficulty, str) and data__difficulty == 'hard'):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".difficulty must be one of ['easy', 'medium', 'hard']", value=data__difficulty, name="" + (name_prefix or "data") + ".difficulty", definition={'enum': ['easy', 'medium', 'hard']}, rule='enum')
        if "explanation" in data_keys:
            data_keys.remove("explanation")
            data__explanation = data["explanation"]
            validate____defs_text(data__explanation, custom_formats, (name_prefix or "data") + ".explanation")
        if "hint" in data_keys:
            data_keys.remove("hint")
            data__hint = data["hint"]
            validate____defs_text(data__hint, custom_formats, (name_prefix or "data") + ".hint")
        if "notebooks" in data_keys:
            data_keys.remove("notebooks")
            data__notebooks = data["notebooks"]
            if not isinstance(data__notebooks, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".notebooks must be array", value=data__notebooks, name="" + (name_prefix or "data") + ".notebooks", definition={'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, rule='type')
            data__notebooks_is_list = isinstance(data__notebooks, (list, tuple))
            if data__notebooks_is_list:
                data__notebooks_len = len(data__notebooks)
                if data__notebooks_len < 1:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".notebooks must contain at least 1 items", value=data__notebooks, name="" + (name_prefix or "data") + ".notebooks", definition={'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, rule='minItems')
                def fn(var): return frozenset(dict((k, fn(v)) for k, v in var.items()).items()) if hasattr(var, "items") else tuple(fn(v) for v in var) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                if data__notebooks_len > len(set(fn(data__notebooks_x) for data__notebooks_x in data__notebooks)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".notebooks must contain unique items", value=data__notebooks, name="" + (name_prefix or "data") + ".notebooks", definition={'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, rule='uniqueItems')
                for data__notebooks_x, data__notebooks_item in enumerate(data__notebooks):
                    if not (isinstance(data__notebooks_item, str) and data__notebooks_item == '00_start_here' or isinstance(data__notebooks_item, str) and data__notebooks_item == '01_decision_framework' or isinstance(data__notebooks_item, str) and data__notebooks_item == '02_cost_benefit' or isinstance(data__notebooks_item, str) and data__notebooks_item == '03_empirical_test' or isinstance(data__notebooks_item, str) and data__notebooks_item == '03b_knowledge_lab' or isinstance(data__notebooks_item, str) and data__notebooks_item == '04_hybrid_and_pitfalls' or isinstance(data__notebooks_item, str) and data__notebooks_item == '05_quiz' or isinstance(data__notebooks_item, str) and data__notebooks_item == '06_scenarios' or isinstance(data__notebooks_item, str) and data__notebooks_item == '07_your_decision'):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".notebooks[{data__notebooks_x}]".format(**locals()) + " must be one of ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']", value=data__notebooks_item, name="" + (name_prefix or "data") + ".notebooks[{data__notebooks_x}]".format(**locals()) + "", definition={'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}, rule='enum')
        if "source" in data_keys:
            data_keys.remove("source")
            data__source = data["source"]
            if not isinstance(data__source, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".source must be string", value=data__source, name="" + (name_prefix or "data") + ".source", definition={'type': 'string'}, rule='type')
        if "concepts" in data_keys:
            data_keys.remove("concepts")
            data__concepts = data["concepts"]
            if not isinstance(data__concepts, (list, tuple)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".concepts must be array", value=data__concepts, name="" + (name_prefix or "data") + ".concepts", definition={'type': 'array', 'items': {'type': 'string'}}, rule='type')
            data__concepts_is_list = isinstance(data__concepts, (list, tuple))
            if data__concepts_is_list:
                data__concepts_len = len(data__concepts)
                for data__concepts_x, data__concepts_item in enumerate(data__concepts):
                    if not isinstance(data__concepts_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".concepts[{data__concepts_x}]".format(**locals()) + " must be string", value=data__concepts_item, name="" + (name_prefix or "data") + ".concepts[{data__concepts_x}]".format(**locals()) + "", definition={'type': 'string'}, rule='type')
        if "options" in data_keys:
            data_keys.remove("options")
            data__options = data["options"]
            pass
        if "answer" in data_keys:
            data_keys.remove("answer")
            data__answer = data["answer"]
            pass
        if "unit" in data_keys:
            data_keys.remove("unit")
            data__unit = data["unit"]
            pass
        if "abs_tol" in data_keys:
            data_keys.remove("abs_tol")
            data__abstol = data["abs_tol"]
            pass
        if "rel_tol" in data_keys:
            data_keys.remove("rel_tol")
            data__reltol = data["rel_tol"]
            pass
        if "misconceptions" in data_keys:
            data_keys.remove("misconceptions")
            data__misconceptions = data["misconceptions"]
            pass
        if "traits" in data_keys:
            data_keys.remove("traits")
            data__traits = data["traits"]
            pass
        if "accepted" in data_keys:
            data_keys.remove("accepted")
            data__accepted = data["accepted"]
            pass
        if "criteria" in data_keys:
            data_keys.remove("criteria")
            data__criteria = data["criteria"]
            pass
        if "related_criteria" in data_keys:
            data_keys.remove("related_criteria")
            data__relatedcriteria = data["related_criteria"]
            pass
        if "rejected" in data_keys:
            data_keys.remove("rejected")
            data__rejected = data["rejected"]
            pass
        if "model_answer" in data_keys:
            data_keys.remove("model_answer")
            data__modelanswer = data["model_answer"]
            pass
        if "key_note" in data_keys:
            data_keys.remove("key_note")
            data__keynote = data["key_note"]
            pass
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'object', 'required': ['id', 'type', 'prompt', 'objective', 'difficulty', 'explanation', 'hint', 'notebooks'], 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, 'type': {'enum': ['single', 'multiple', 'numeric', 'scenario']}, 'title': {'type': 'string'}, 'prompt': {'type': 'string', 'minLength': 3}, 'objective': {'enum': ['LO1', 'LO2', 'LO3', 'LO4', 'LO5', 'LO6', 'LO7']}, 'difficulty': {'enum': ['easy', 'medium', 'hard']}, 'explanation': {'type': 'string', 'minLength': 3}, 'hint': {'type': 'string', 'minLength': 3}, 'notebooks': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'enum': ['00_start_here', '01_decision_framework', '02_cost_benefit', '03_empirical_test', '03b_knowledge_lab', '04_hybrid_and_pitfalls', '05_quiz', '06_scenarios', '07_your_decision']}}, 'source': {'type': 'string'}, 'concepts': {'type': 'array', 'items': {'type': 'string'}}, 'options': True, 'answer': True, 'unit': True, 'abs_tol': True, 'rel_tol': True, 'misconceptions': True, 'traits': True, 'accepted': True, 'criteria': True, 'related_criteria': True, 'rejected': True, 'model_answer': True, 'key_note': True}, 'additionalProperties': False, 'allOf': [{'if': {'properties': {'type': {'enum': ['single', 'multiple']}}, 'required': ['type']}, 'then': {'required': ['options'], 'properties': {'options': {'type': 'array', 'minItems': 2, 'items': {'type': 'object', 'required': ['id', 'text', 'feedback'], 'additionalProperties': False, 'properties': {'id': {'type': 'string', 'pattern': '^[a-z0-9]+$'}, 'text': {'type': 'string', 'minLength': 1}, 'correct': {'type': 'boolean'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'numeric'}}, 'required': ['type']}, 'then': {'required': ['answer', 'unit'], 'anyOf': [{'required': ['abs_tol']}, {'required': ['rel_tol']}], 'properties': {'answer': {'type': 'number'}, 'unit': {'type': 'string', 'minLength': 1}, 'abs_tol': {'type': 'number', 'minimum': 0}, 'rel_tol': {'type': 'number', 'minimum': 0, 'maximum': 0.5}, 'misconceptions': {'type': 'array', 'items': {'type': 'object', 'required': ['value', 'feedback'], 'additionalProperties': False, 'properties': {'value': {'type': 'number'}, 'feedback': {'type': 'string', 'minLength': 3}}}}, 'options': False, 'traits': False, 'accepted': False, 'criteria': False, 'related_criteria': False, 'rejected': False, 'model_answer': False, 'key_note': False}}}, {'if': {'properties': {'type': {'const': 'scenario'}}, 'required': ['type']}, 'then': {'required': ['traits', 'accepted', 'criteria', 'model_answer'], 'properties': {'traits': {'type': 'object', 'minProperties': 1}, 'accepted': {'type': 'array', 'minItems': 1, 'items': {'type': 'object', 'required': ['approach', 'credit', 'why'], 'additionalProperties': False, 'properties': {'approach': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'credit': {'type': 'number', 'exclusiveMinimum': 0, 'maximum': 1}, 'why': {'type': 'string', 'minLength': 3}, 'criteria': {'type': 'array', 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}}}}, 'criteria': {'type': 'array', 'minItems': 1, 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'related_criteria': {'type': 'array', 'uniqueItems': True, 'items': {'type': 'string', 'pattern': '^[a-z][a-z_]*$'}}, 'rejected': {'type': 'object', 'propertyNames': {'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, 'additionalProperties': {'type': 'string', 'minLength': 3}}, 'model_answer': {'type': 'string', 'minLength': 3}, 'key_note': {'type': 'string', 'minLength': 3}, 'options': False, 'answer': False, 'unit': False, 'abs_tol': False, 'rel_tol': False, 'misconceptions': False}}}]}, rule='additionalProperties')
    return data

def validate____defs_id(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[a-z0-9][a-z0-9-]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[a-z0-9][a-z0-9-]*$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[a-z0-9][a-z0-9-]*$'}, rule='pattern')
    return data

def validate____defs_criterion(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[a-z][a-z_]*$'].search(data):
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must match pattern ^[a-z][a-z_]*$", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'pattern': '^[a-z][a-z_]*$'}, rule='pattern')
    return data

def validate____defs_approach(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'prompting' or isinstance(data, str) and data == 'rag' or isinstance(data, str) and data == 'fine_tuning' or isinstance(data, str) and data == 'hybrid'):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['prompting', 'rag', 'fine_tuning', 'hybrid']", value=data, name="" + (name_prefix or "data") + "", definition={'enum': ['prompting', 'rag', 'fine_tuning', 'hybrid']}, rule='enum')
    return data

def validate____defs_text(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (str)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be string", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 3}, rule='type')
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 3:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must be longer than or equal to 3 characters", value=data, name="" + (name_prefix or "data") + "", definition={'type': 'string', 'minLength': 3}, rule='minLength')
    return data